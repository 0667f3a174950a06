import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createAdminApp } from '#admin';
import { loadConfig } from '#core';
import { subjectKey } from '#policy';
import { type AdminClient, type OnboardingRig, OTHER_TENANT, startRig, TENANT } from '../onboarding/support.js';
import { listen } from '../support/test-context.js';
import { seedActiveTenant } from '../support/tenants.js';
import { notificationsSettled } from '../support/db.js';
import { query } from './support.js';

const SUBJECT = '01029413157';
const UNKNOWN_TENANT = '964338531';

describe('incidents in the admin API: status machine, timeline and actions', () => {
  let rig: OnboardingRig;
  let manager: AdminClient;
  let viewer: AdminClient;
  let db: string;

  const open = async (body: Record<string, unknown> = {}) =>
    (
      await manager
        .post('/admin/v1/incidents', {
          severity: 'high',
          summary: 'Supplier key leaked',
          affectedTenants: [TENANT],
          ...body,
        })
        .expect(201)
    ).body as { id: string; status: string };
  const act = (id: string, body: Record<string, unknown>) => manager.post(`/admin/v1/incidents/${id}/actions`, body);
  const auditOf = (incidentId: string) =>
    query<{
      operation: string;
      tenant_orgnr: string | null;
      kind: string;
      details: { before: unknown; after: unknown };
    }>(db, `SELECT operation, tenant_orgnr, kind, details FROM audit_events WHERE incident_id = $1 ORDER BY id`, [
      incidentId,
    ]);

  beforeAll(async () => {
    rig = await startRig();
    db = rig.context.config.database.url;
    await seedActiveTenant(db, TENANT);
    await seedActiveTenant(db, OTHER_TENANT);
    [manager, viewer] = await Promise.all([rig.as('incident-manager'), rig.as('viewer')]);
  });

  afterAll(() => rig?.close());

  it('opens an incident, shows it to readers, and audits the opening with the incident id', async () => {
    const incident = await open({ affectedApis: ['inntekt'] });
    expect(incident).toMatchObject({
      status: 'open',
      severity: 'high',
      affectedTenants: [TENANT],
      affectedApis: ['inntekt'],
      allowedTransitions: ['mitigating'],
      openedBy: 'op-incident-manager@example.no',
    });

    const detail = (await viewer.get(`/admin/v1/incidents/${incident.id}`).expect(200)).body;
    expect(detail.timeline).toEqual([
      expect.objectContaining({
        kind: 'opened',
        text: 'Opened with severity high: Supplier key leaked',
        author: 'op-incident-manager@example.no',
      }),
    ]);
    expect(detail.actions).toEqual([]);
    expect(await auditOf(incident.id)).toEqual([
      expect.objectContaining({ kind: 'operator-action', operation: 'incident.open', tenant_orgnr: null }),
    ]);
  });

  it('refuses bad input with coded 400s and unknown tenants with 404', async () => {
    expect(
      (await manager.post('/admin/v1/incidents', { severity: 'apocalyptic', summary: 'x' }).expect(400)).body.code,
    ).toBe('invalid-request');
    expect(
      (
        await manager
          .post('/admin/v1/incidents', { severity: 'low', summary: 'x', affectedTenants: ['123'] })
          .expect(400)
      ).body.code,
    ).toBe('invalid-orgnr');
    expect(
      (
        await manager
          .post('/admin/v1/incidents', { severity: 'low', summary: 'x', affectedTenants: [UNKNOWN_TENANT] })
          .expect(404)
      ).body.code,
    ).toBe('tenant-not-found');
    const leaky = (
      await manager.post('/admin/v1/incidents', { severity: 'low', summary: `Odd look-ups of ${SUBJECT}` }).expect(400)
    ).body;
    expect(leaky.code).toBe('invalid-request');
    expect(JSON.stringify(leaky)).not.toContain(SUBJECT);
    expect(await query(db, 'SELECT id FROM incidents WHERE summary LIKE $1', [`%${SUBJECT}%`])).toEqual([]);
    expect((await viewer.get('/admin/v1/incidents/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe(
      'incident-not-found',
    );
    expect((await viewer.get('/admin/v1/incidents/not-a-uuid').expect(404)).body.code).toBe('incident-not-found');
  });

  it('moves open → mitigating → resolved → closed, refuses every other step with 409 invalid-transition and its allowed steps, and keeps a closed incident final', async () => {
    const { id } = await open();
    const skip = (await manager.patch(`/admin/v1/incidents/${id}`, { status: 'resolved' }).expect(409)).body;
    expect(skip).toMatchObject({
      code: 'invalid-transition',
      currentStatus: 'open',
      requested: 'resolved',
      allowed: ['mitigating'],
    });

    await manager.patch(`/admin/v1/incidents/${id}`, { status: 'mitigating', severity: 'critical' }).expect(200);
    const back = (await manager.patch(`/admin/v1/incidents/${id}`, { status: 'open' }).expect(409)).body;
    expect(back).toMatchObject({ code: 'invalid-transition', currentStatus: 'mitigating', allowed: ['resolved'] });

    const resolved = (await manager.patch(`/admin/v1/incidents/${id}`, { status: 'resolved' }).expect(200)).body;
    expect(resolved).toMatchObject({ status: 'resolved', severity: 'critical', allowedTransitions: ['closed'] });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    const closed = (await manager.patch(`/admin/v1/incidents/${id}`, { status: 'closed' }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', allowedTransitions: [] });

    expect((await manager.patch(`/admin/v1/incidents/${id}`, { summary: 'late edit' }).expect(409)).body.code).toBe(
      'incident-closed',
    );
    expect(
      (await manager.post(`/admin/v1/incidents/${id}/timeline`, { text: 'late note' }).expect(409)).body.code,
    ).toBe('incident-closed');
    expect((await act(id, { type: 'flush-tokens', tenant: TENANT }).expect(409)).body.code).toBe('incident-closed');

    const timeline = (await viewer.get(`/admin/v1/incidents/${id}`).expect(200)).body.timeline as Array<{
      kind: string;
      text: string;
    }>;
    expect(timeline.map((entry) => `${entry.kind}: ${entry.text}`)).toEqual([
      'opened: Opened with severity high: Supplier key leaked',
      'status: Status open → mitigating',
      'update: Changed severity high → critical',
      'status: Status mitigating → resolved',
      'status: Status resolved → closed',
    ]);
    expect((await auditOf(id)).map((event) => event.operation)).toEqual([
      'incident.open',
      'incident.update',
      'incident.update',
      'incident.update',
    ]);
  });

  it('adds operator notes to the timeline and filters the list by status and tenant', async () => {
    const { id } = await open({ affectedTenants: [OTHER_TENANT], summary: 'Other municipality only' });
    const note = (
      await manager.post(`/admin/v1/incidents/${id}/timeline`, { text: 'Called the municipality' }).expect(201)
    ).body;
    expect(note).toMatchObject({
      kind: 'note',
      text: 'Called the municipality',
      author: 'op-incident-manager@example.no',
    });
    expect((await manager.post(`/admin/v1/incidents/${id}/timeline`, { text: '' }).expect(400)).body.code).toBe(
      'invalid-request',
    );

    const forOther = (await viewer.get(`/admin/v1/incidents?tenant=${OTHER_TENANT}`).expect(200)).body as Array<{
      id: string;
    }>;
    expect(forOther.map((incident) => incident.id)).toEqual([id]);
    const open_ = (await viewer.get('/admin/v1/incidents?status=open').expect(200)).body as Array<{ status: string }>;
    expect(open_.length).toBeGreaterThan(0);
    expect(open_.every((incident) => incident.status === 'open')).toBe(true);
    expect((await viewer.get('/admin/v1/incidents?status=nonsense').expect(400)).body.code).toBe('invalid-request');
  });

  it('refuses malformed actions with 400 naming the fields, and unknown tenants with 404', async () => {
    const { id } = await open();
    expect((await act(id, { type: 'nuke-everything' }).expect(400)).body.code).toBe('invalid-request');
    const missing = (await act(id, { type: 'suspend-tenant', reason: 'x' }).expect(400)).body;
    expect(missing).toMatchObject({ code: 'invalid-request', missing: ['tenant'] });
    const unexpected = (await act(id, { type: 'pause-api', api: 'inntekt', reason: 'x', tenant: TENANT }).expect(400))
      .body;
    expect(unexpected).toMatchObject({ code: 'invalid-request', unexpected: ['tenant'] });
    expect((await act(id, { type: 'pause-api', api: 'skatt', reason: 'x' }).expect(400)).body.code).toBe(
      'invalid-request',
    );
    expect((await act(id, { type: 'suspend-tenant', tenant: '12345', reason: 'x' }).expect(400)).body.code).toBe(
      'invalid-orgnr',
    );
    expect((await act(id, { type: 'suspend-tenant', tenant: UNKNOWN_TENANT, reason: 'x' }).expect(404)).body.code).toBe(
      'tenant-not-found',
    );
    expect(
      (await act(id, { type: 'revoke-supplier', tenant: TENANT, supplier: '910753614', reason: 'x' }).expect(404)).body
        .code,
    ).toBe('supplier-not-found');
    expect(
      (await act('00000000-0000-4000-8000-000000000000', { type: 'flush-tokens', tenant: TENANT }).expect(404)).body
        .code,
    ).toBe('incident-not-found');
  });

  it('suspends and resumes a tenant through the tenancy service, on the timeline and audited once each with the incident id', async () => {
    const { id } = await open({ affectedTenants: [] });
    const suspended = (
      await act(id, {
        type: 'suspend-tenant',
        tenant: OTHER_TENANT,
        apis: ['utleggstrekk'],
        reason: 'Suspicious registrations',
      }).expect(201)
    ).body;
    expect(suspended).toMatchObject({
      type: 'suspend-tenant',
      tenant: OTHER_TENANT,
      params: { reason: 'Suspicious registrations', apis: ['utleggstrekk'] },
    });
    expect(suspended.before).toMatchObject({ suspendedApis: [] });
    expect(suspended.after).toMatchObject({ suspendedApis: ['utleggstrekk'] });
    expect((await viewer.get(`/admin/v1/tenants/${OTHER_TENANT}`).expect(200)).body.suspendedApis).toEqual([
      'utleggstrekk',
    ]);
    expect(
      await query(db, 'SELECT api, incident_id FROM tenant_suspensions WHERE tenant_orgnr = $1 AND lifted_at IS NULL', [
        OTHER_TENANT,
      ]),
    ).toEqual([{ api: 'utleggstrekk', incident_id: id }]);

    await act(id, { type: 'resume-tenant', tenant: OTHER_TENANT, apis: ['utleggstrekk'], reason: 'Cleared' }).expect(
      201,
    );
    expect((await viewer.get(`/admin/v1/tenants/${OTHER_TENANT}`).expect(200)).body.suspendedApis).toEqual([]);

    const detail = (await viewer.get(`/admin/v1/incidents/${id}`).expect(200)).body;
    expect(detail.affectedTenants).toEqual([OTHER_TENANT]);
    expect(detail.actions.map((action: { type: string }) => action.type)).toEqual(['suspend-tenant', 'resume-tenant']);
    expect(
      detail.timeline
        .filter((entry: { kind: string }) => entry.kind === 'action')
        .map((entry: { text: string }) => entry.text),
    ).toEqual([
      `Suspended the utleggstrekk API for ${OTHER_TENANT}: Suspicious registrations`,
      `Resumed the utleggstrekk API for ${OTHER_TENANT}: Cleared`,
    ]);
    const audit = await auditOf(id);
    expect(audit.map((event) => [event.operation, event.tenant_orgnr])).toEqual([
      ['incident.open', null],
      ['tenant.suspend', OTHER_TENANT],
      ['tenant.resume', OTHER_TENANT],
    ]);
    expect(audit[1].details.after).toMatchObject({ suspendedApis: ['utleggstrekk'] });
  });

  it('blocks a data subject as a keyed hash only, never storing the digits, and lifts the block', async () => {
    const { id } = await open();
    const blocked = (
      await act(id, { type: 'block-subject', personidentifikator: SUBJECT, reason: 'Investigation 42' }).expect(201)
    ).body;
    const blockId = blocked.after.blockId as string;
    const rows = await query<{ subject_hash: string; incident_id: string; lifted_at: Date | null }>(
      db,
      'SELECT subject_hash, incident_id, lifted_at FROM blocked_subjects WHERE id = $1',
      [blockId],
    );
    expect(rows).toEqual([
      {
        subject_hash: subjectKey(SUBJECT, rig.context.config.policy.subjectBlockKey as string),
        incident_id: id,
        lifted_at: null,
      },
    ]);

    expect(
      (await act(id, { type: 'block-subject', personidentifikator: SUBJECT, reason: 'again' }).expect(409)).body.code,
    ).toBe('subject-already-blocked');
    expect(
      (await act(id, { type: 'block-subject', personidentifikator: '01029413158', reason: 'typo' }).expect(400)).body
        .code,
    ).toBe('invalid-personidentifikator');

    const everything = JSON.stringify([
      await query(db, 'SELECT * FROM incident_timeline WHERE incident_id = $1', [id]),
      await query(db, 'SELECT * FROM incident_actions WHERE incident_id = $1', [id]),
      await query(db, 'SELECT operation, details, reasons FROM audit_events WHERE incident_id = $1', [id]),
    ]);
    expect(everything).not.toContain(SUBJECT);
    expect(everything).toContain('***********');
    expect((await auditOf(id)).map((event) => event.operation)).toEqual(['incident.open', 'subject.block']);

    await act(id, { type: 'unblock-subject', blockId }).expect(201);
    expect(
      (await query(db, 'SELECT lifted_at FROM blocked_subjects WHERE id = $1', [blockId]))[0].lifted_at,
    ).not.toBeNull();
    expect((await act(id, { type: 'unblock-subject', blockId }).expect(404)).body.code).toBe('subject-block-not-found');
    expect((await act(id, { type: 'unblock-subject', blockId: 'nope' }).expect(404)).body.code).toBe(
      'subject-block-not-found',
    );
  });

  it('answers 503 subject-blocking-unavailable when no block key is configured', async () => {
    const { id } = await open();
    // As outside APP_ENV=test without POLICY_SUBJECT_BLOCK_KEY (a whole prod config needs more than this test has).
    const config = loadConfig(rig.context.env);
    const prod = await createAdminApp({ ...config, policy: { ...config.policy, subjectBlockKey: undefined } });
    try {
      const url = await listen(prod);
      const response = await request(url)
        .post(`/admin/v1/incidents/${id}/actions`)
        .set('Authorization', `Bearer ${await rig.token('incident-manager')}`)
        .send({ type: 'block-subject', personidentifikator: SUBJECT, reason: 'x' })
        .expect(503);
      expect(response.body.code).toBe('subject-blocking-unavailable');
      expect(JSON.stringify(response.body)).not.toContain(SUBJECT);
    } finally {
      await prod.close();
    }
  });

  it('pauses an API for everyone once, resumes it once, and notifies the policy state in the same transaction', async () => {
    const { id } = await open();
    const listener = new pg.Client({ connectionString: db });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(`${message.channel}:${message.payload}`));
    await listener.query('LISTEN delingsmegler_policy');
    try {
      await act(id, { type: 'pause-api', api: 'summertskattegrunnlag', reason: 'Upstream incident' }).expect(201);
      expect(
        (await act(id, { type: 'pause-api', api: 'summertskattegrunnlag', reason: 'twice' }).expect(409)).body.code,
      ).toBe('api-already-paused');
      expect(
        await query(db, 'SELECT api, reason, incident_id, paused_by FROM api_pauses WHERE lifted_at IS NULL'),
      ).toEqual([
        {
          api: 'summertskattegrunnlag',
          reason: 'Upstream incident',
          incident_id: id,
          paused_by: 'op-incident-manager@example.no',
        },
      ]);
      await act(id, { type: 'resume-api', api: 'summertskattegrunnlag' }).expect(201);
      expect((await act(id, { type: 'resume-api', api: 'summertskattegrunnlag' }).expect(409)).body.code).toBe(
        'api-not-paused',
      );
      expect(await query(db, 'SELECT api FROM api_pauses WHERE lifted_at IS NULL')).toEqual([]);
      // Every notification committed so far has arrived, also one a refused (409) action might have sent.
      await notificationsSettled(listener, 'delingsmegler_policy');
      expect(heard.filter((entry) => entry === 'delingsmegler_policy:*')).toHaveLength(2);
    } finally {
      await listener.end();
    }
    expect((await auditOf(id)).map((event) => event.operation)).toEqual(['incident.open', 'api.pause', 'api.resume']);
  });

  it("queues re-verification of the tenant's delegations through the delegation service, audited with the incident id", async () => {
    const { id } = await open();
    const operator = await rig.as('operator');
    await operator.post(`/admin/v1/tenants/${TENANT}/delegations`, { api: 'inntekt' }).expect(202);
    const action = (await act(id, { type: 'reverify-delegations', tenant: TENANT }).expect(201)).body;
    expect(action).toMatchObject({
      type: 'reverify-delegations',
      tenant: TENANT,
      after: { queued: ['inntekt'] },
      notifications: [],
    });
    expect((await auditOf(id)).map((event) => [event.operation, event.tenant_orgnr])).toEqual([
      ['incident.open', null],
      ['delegation.verify', TENANT],
    ]);
  });

  it("flushes a tenant's cached tokens on every process (NOTIFY) and audits it", async () => {
    const { id } = await open();
    const listener = new pg.Client({ connectionString: db });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query('LISTEN delingsmegler_token_flush');
    try {
      await act(id, { type: 'flush-tokens', tenant: TENANT }).expect(201);
      const marker = await notificationsSettled(listener, 'delingsmegler_token_flush');
      expect(heard).toEqual([TENANT, marker]);
    } finally {
      await listener.end();
    }
    expect((await auditOf(id)).map((event) => [event.operation, event.tenant_orgnr])).toEqual([
      ['incident.open', null],
      ['tenant.flush-tokens', TENANT],
    ]);
  });
});
