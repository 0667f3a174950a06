import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from '../gateway/support.js';
import { type AdminClient, eventually, type OnboardingRig, startRig, SUPPLIER } from '../onboarding/support.js';
import { freePort, type RunningProcess, startProcess, waitReady } from '../support/processes.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { query, type Receiver, startReceiver } from './support.js';

const KOMMUNE = '974760673';

interface Outcome {
  status: number;
  code: string;
}

/**
 * Issue 8's acceptance scenario: a supplier is found compromised. The incident is opened, the
 * supplier revoked and the tenant suspended through the admin API; calls already in flight finish,
 * new ones are refused within a second on both gateway processes; the municipality's contacts get
 * webhooks (one receiver is down: its deliveries land in the dead-letter list and are retried);
 * the report lists all of it.
 */
describe('a compromised supplier, handled as an incident across two gateway replicas', () => {
  let rig: OnboardingRig;
  let gateways: RunningProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let manager: AdminClient;
  let viewer: AdminClient;
  let ownToken: string;
  let supplierToken: string;
  let duty: Receiver;
  let onCall: Receiver;
  let incidentId: string;
  /** Every gateway answer after the incident was opened, as the report should count them. */
  const seen: Outcome[] = [];

  const call = async (gateway: RunningProcess, token: string, track = true): Promise<Outcome> => {
    const response = await fetch(`${gateway.url}${PATHS.inntekt(KOMMUNE)}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    const outcome = {
      status: response.status,
      code: response.status === 200 ? 'allowed' : (body.code ?? String(response.status)),
    };
    if (track) seen.push(outcome);
    return outcome;
  };
  /** Milliseconds until every replica answers `expected` to calls with this token. */
  const untilAll = async (token: string, expected: string): Promise<number> => {
    const started = performance.now();
    await Promise.all(
      gateways.map((gateway) =>
        eventually(async () => (await call(gateway, token)).code === expected, { timeout: 5000, interval: 20 }),
      ),
    );
    return performance.now() - started;
  };

  beforeAll(async () => {
    [duty, onCall] = await Promise.all([startReceiver(), startReceiver()]);
    rig = await startRig({
      worker: true,
      env: { WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '1000' },
      prepare: async (sim) => {
        const platform = await connectPlatform(sim, 'incident-scenario', [KOMMUNE]);
        cleanup = platform.cleanup;
        return platform.env;
      },
    });
    await seedActiveTenant(rig.context.config.database.url, KOMMUNE);
    const operator = await rig.as('operator');
    [manager, viewer] = await Promise.all([rig.as('incident-manager'), rig.as('viewer')]);
    await operator
      .patch(`/admin/v1/tenants/${KOMMUNE}`, {
        contacts: [
          { name: 'Innfordringsavdelingen', webhookUrl: duty.url('/hooks/delingsmegler') },
          { name: 'IT-vakt', webhookUrl: onCall.url('/varsel') },
        ],
      })
      .expect(200);
    await operator
      .post(`/admin/v1/tenants/${KOMMUNE}/suppliers`, { orgnr: SUPPLIER, name: 'Fagsystem AS' })
      .expect(201);

    gateways = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        return startProcess('gateway', { ...rig.context.env, GATEWAY_PORT: String(port) }, port);
      }),
    );
    await Promise.all(gateways.map((gateway) => waitReady(gateway)));
    [ownToken, supplierToken] = await Promise.all([
      rig.sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE }),
      rig.sim.control.mintToken({ consumerOrg: KOMMUNE, supplierOrg: SUPPLIER, scope: PLATFORM_SCOPE }),
    ]);
    // Both replicas serve both callers before the incident (and hold a Maskinporten token).
    for (const gateway of gateways) {
      expect((await call(gateway, ownToken, false)).code).toBe('allowed');
      expect((await call(gateway, supplierToken, false)).code).toBe('allowed');
    }
    await onCall.down();
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await rig?.close();
    await cleanup?.();
    await duty?.close();
    await onCall?.close();
  });

  it('lets calls in flight finish, and refuses new ones within a second on both replicas with the right codes', async () => {
    const opened = await manager
      .post('/admin/v1/incidents', {
        severity: 'critical',
        summary: 'Supplier 910753614 reports a stolen signing key',
        affectedTenants: [KOMMUNE],
        affectedApis: ['inntekt'],
      })
      .expect(201);
    incidentId = opened.body.id;

    await rig.sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 2500, count: 2 });
    await rig.sim.control.clearRequests();
    const inFlight = [call(gateways[0], supplierToken), call(gateways[1], ownToken)].map(async (pending) => ({
      ...(await pending),
      finishedAt: performance.now(),
    }));
    // Both calls are at Skatteetaten (held there by the latency) before the supplier is revoked.
    await eventually(async () => (await rig.sim.control.requests('inntekt')).length >= 2);

    const revoked = await manager
      .post(`/admin/v1/incidents/${incidentId}/actions`, {
        type: 'revoke-supplier',
        tenant: KOMMUNE,
        supplier: SUPPLIER,
        reason: 'Stolen signing key',
      })
      .expect(201);
    expect(await untilAll(supplierToken, 'supplier-not-registered')).toBeLessThan(1000);
    // Nor does it read the municipality's audit log (decrypted subjects) any longer.
    for (const gateway of gateways) {
      const audit = await fetch(`${gateway.url}/api/v1/${KOMMUNE}/audit`, {
        headers: { authorization: `Bearer ${supplierToken}` },
      });
      expect({ status: audit.status, code: ((await audit.json()) as { code?: string }).code }).toEqual({
        status: 403,
        code: 'supplier-not-registered',
      });
      seen.push({ status: 403, code: 'supplier-not-registered' });
    }
    // The municipality's own calls still go through until it is suspended.
    expect(await Promise.all(gateways.map((gateway) => call(gateway, ownToken)))).toEqual([
      { status: 200, code: 'allowed' },
      { status: 200, code: 'allowed' },
    ]);

    const suspended = await manager
      .post(`/admin/v1/incidents/${incidentId}/actions`, {
        type: 'suspend-tenant',
        tenant: KOMMUNE,
        reason: 'Until the supplier has rotated its keys',
      })
      .expect(201);
    expect(await untilAll(ownToken, 'tenant-suspended')).toBeLessThan(1000);
    expect((await call(gateways[1], ownToken)).status).toBe(403);
    const refusedAt = performance.now();

    // Started before both actions, finished after them: served in full.
    const finished = await Promise.all(inFlight);
    expect(finished.map(({ status, code }) => ({ status, code }))).toEqual([
      { status: 200, code: 'allowed' },
      { status: 200, code: 'allowed' },
    ]);
    expect(finished.every((outcome) => outcome.finishedAt > refusedAt)).toBe(true);
    expect(revoked.body.notifications).toHaveLength(2);
    expect(suspended.body.notifications).toHaveLength(2);
  });

  it('delivers the webhooks to the receiver that is up, and dead-letters those to the one that is down', async () => {
    const events = await eventually(async () => {
      const got = duty.received
        .filter((hook) => hook.body.data.incidentId === incidentId)
        .map((hook) => hook.body.event);
      return got.length >= 3 ? got : undefined;
    });
    expect(events.sort()).toEqual(['incident.opened', 'incident.supplier-revoked', 'incident.tenant-suspended']);
    const revoked = duty.received.find((hook) => hook.body.event === 'incident.supplier-revoked');
    expect(revoked?.body).toMatchObject({ tenant: KOMMUNE, data: { incidentId, supplier: SUPPLIER } });
    expect(revoked?.path).toBe('/hooks/delingsmegler');

    const deadLetters = await eventually(async () => {
      const body = (await viewer.get(`/admin/v1/notifications/dead-letters?tenant=${KOMMUNE}`).expect(200))
        .body as Array<{ incidentId: string; target: string; status: string; attempts: number; event: string }>;
      const ours = body.filter((letter) => letter.incidentId === incidentId);
      return ours.length >= 3 ? ours : undefined;
    });
    expect(deadLetters.map((letter) => letter.event).sort()).toEqual([
      'incident.opened',
      'incident.supplier-revoked',
      'incident.tenant-suspended',
    ]);
    expect(
      deadLetters.every(
        (letter) => letter.status === 'failed' && letter.attempts === 2 && letter.target === onCall.url('/varsel'),
      ),
    ).toBe(true);
  });

  it('lists all of it in the report: timeline, actions, notifications per delivery and the requests found in the audit', async () => {
    const report = (await viewer.get(`/admin/v1/incidents/${incidentId}/report`).expect(200)).body;
    expect(report.incident).toMatchObject({
      id: incidentId,
      severity: 'critical',
      status: 'open',
      affectedTenants: [KOMMUNE],
    });
    expect(report.timeline.map((entry: { kind: string; text: string }) => `${entry.kind}: ${entry.text}`)).toEqual([
      'opened: Opened with severity critical: Supplier 910753614 reports a stolen signing key',
      `action: Revoked supplier ${SUPPLIER} for ${KOMMUNE}: Stolen signing key`,
      `action: Suspended all APIs for ${KOMMUNE}: Until the supplier has rotated its keys`,
    ]);
    expect(report.actions.map((action: { type: string; tenant: string }) => [action.type, action.tenant])).toEqual([
      ['revoke-supplier', KOMMUNE],
      ['suspend-tenant', KOMMUNE],
    ]);
    expect(report.actions[0].before).toMatchObject({ orgnr: SUPPLIER, name: 'Fagsystem AS' });
    const statuses = report.notifications
      .map((n: { event: string; status: string }) => `${n.event}:${n.status}`)
      .sort();
    expect(statuses).toEqual([
      'incident.opened:delivered',
      'incident.opened:failed',
      'incident.supplier-revoked:delivered',
      'incident.supplier-revoked:failed',
      'incident.tenant-suspended:delivered',
      'incident.tenant-suspended:failed',
    ]);

    const allowed = seen.filter((outcome) => outcome.code === 'allowed').length;
    const deniedByReason: Record<string, number> = {};
    for (const outcome of seen.filter((o) => o.code !== 'allowed'))
      deniedByReason[outcome.code] = (deniedByReason[outcome.code] ?? 0) + 1;
    expect(report.affectedRequests).toMatchObject({
      tenants: [KOMMUNE],
      total: seen.length,
      allowed,
      denied: seen.length - allowed,
      deniedByReason,
    });
    expect(allowed).toBeGreaterThanOrEqual(4);
    expect(Object.keys(deniedByReason).sort()).toEqual(['supplier-not-registered', 'tenant-suspended']);
  });

  it('retries the dead letters once the receiver is back (incident-manager only), and the report shows them delivered', async () => {
    await onCall.up();
    const letters = (
      (await viewer.get('/admin/v1/notifications/dead-letters').expect(200)).body as Array<{
        id: string;
        incidentId: string;
      }>
    ).filter((letter) => letter.incidentId === incidentId);
    expect(letters).toHaveLength(3);
    expect(
      (await viewer.post(`/admin/v1/notifications/dead-letters/${letters[0].id}/retry`).expect(403)).body.code,
    ).toBe('operator-role-missing');
    for (const letter of letters) {
      expect(
        (await manager.post(`/admin/v1/notifications/dead-letters/${letter.id}/retry`).expect(202)).body,
      ).toMatchObject({ id: letter.id, status: 'pending' });
    }
    expect(
      (await manager.post(`/admin/v1/notifications/dead-letters/${letters[0].id}/retry`).expect(404)).body.code,
    ).toBe('webhook-delivery-not-found');

    await eventually(async () =>
      onCall.received.filter((hook) => hook.body.data.incidentId === incidentId).length >= 3 ? true : undefined,
    );
    const report = await eventually(async () => {
      const body = (await viewer.get(`/admin/v1/incidents/${incidentId}/report`).expect(200)).body as {
        notifications: Array<{ status: string }>;
      };
      return body.notifications.every((n) => n.status === 'delivered') ? body : undefined;
    });
    expect(report.notifications).toHaveLength(6);
    const remaining = (await viewer.get('/admin/v1/notifications/dead-letters').expect(200)).body as Array<{
      incidentId: string;
    }>;
    expect(remaining.filter((letter) => letter.incidentId === incidentId)).toEqual([]);
    const retries = await query<{ operation: string; tenant_orgnr: string; actor_id: string }>(
      rig.context.config.database.url,
      `SELECT operation, tenant_orgnr, actor_id FROM audit_events WHERE operation = 'notification.retry' ORDER BY id`,
    );
    expect(retries).toEqual(
      letters.map(() => ({
        operation: 'notification.retry',
        tenant_orgnr: KOMMUNE,
        actor_id: 'op-incident-manager@example.no',
      })),
    );
  });

  it("tells every contact when the incident's status changes", async () => {
    await manager.patch(`/admin/v1/incidents/${incidentId}`, { status: 'mitigating' }).expect(200);
    for (const receiver of [duty, onCall]) {
      const hook = await eventually(async () =>
        receiver.received.find(
          (item) => item.body.event === 'incident.status-changed' && item.body.data.incidentId === incidentId,
        ),
      );
      expect(hook.body).toMatchObject({
        tenant: KOMMUNE,
        data: { incidentId, status: 'mitigating', severity: 'critical' },
      });
    }
  });
});
