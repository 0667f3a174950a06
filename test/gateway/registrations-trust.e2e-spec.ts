import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createGatewayApp } from '#gateway';
import { createWorkerApp } from '#worker';
import { subjectKey } from '#policy';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import { givenTenant } from '../support/given.js';
import { uploadDecisionDocument, withDocument } from '../support/vedlegg.js';
import { consistently, eventually } from '../support/eventually.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from './support.js';
import { skatteetatenExample } from '../support/platform.js';

const KOMMUNE = '974760673';
const SUPPLIER_A = '910079190';
const SUPPLIER_B = '910142542';
/** Revoked between accept and send. */
const SUPPLIER_R = '910182137';
/** The saksøkt of the example beslutning. */
const SUBJECT = '44926701751';

interface RegistrationStatus {
  id: string;
  status: string;
  attempts: number;
  refusal?: { code: string; detail: string | null };
  response?: { status: number; body: string | null; korrelasjonsid: string | null };
}

interface AuditRow {
  kind: string;
  decision: string;
  reason_code: string | null;
  http_status: number | null;
  upstream_status: number | null;
  korrelasjonsid: string | null;
  supplier_orgnr: string | null;
  subject_hash: string | null;
  details: { registrationId: string; step?: string; outcome?: string };
}

describe('registrations: audited with their row, policy again at send, never sent twice, keys per caller', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let db: pg.Client;
  let gateway: NestFastifyApplication;
  let worker: NestFastifyApplication | undefined;
  let url: string;
  const tokens: Record<string, string> = {};
  let example: Record<string, unknown>;
  let cleanup: () => Promise<void>;

  const beslutning = () => ({ ...example, innsenderReferanse: randomUUID() });
  const register = (as: string, body: unknown, key = randomUUID(), headers: Record<string, string> = {}) =>
    fetch(`${url}${PATHS.beslutning(KOMMUNE)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[as]}`,
        'content-type': 'application/json',
        ...CONTEXT_HEADERS,
        'idempotency-key': key,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const status = (id: string, as = 'kommune') =>
    fetch(`${url}/api/v1/${KOMMUNE}/utleggstrekk/beslutninger/${id}`, {
      headers: { authorization: `Bearer ${tokens[as]}` },
    });
  const settled = (id: string, seen: string[] = []): Promise<RegistrationStatus> =>
    eventually(
      async () => {
        const body = (await (await status(id)).json()) as RegistrationStatus;
        seen.push(body.status);
        return !['accepted', 'sending', 'unknown'].includes(body.status) && body;
      },
      { timeout: 15_000, interval: 100 },
    );
  /** Beslutninger the simulator accepted under a registration's reference (the gateway sends its id). */
  const received = async (id: string) => {
    const { beslutninger } = (await sim.control.call('GET', '/_sim/beslutninger')) as {
      beslutninger: Array<{ innsenderReferanse?: string }>;
    };
    return beslutninger.filter((entry) => entry.innsenderReferanse === id).length;
  };
  const beslutningRequests = async () =>
    ((await sim.control.requests('utleggstrekk')) as Array<{ path: string }>).filter((entry) =>
      entry.path.endsWith('/beslutninger'),
    ).length;
  const auditOf = async (id: string) =>
    (await db.query<AuditRow>(`SELECT * FROM audit_events WHERE details->>'registrationId' = $1 ORDER BY id`, [id]))
      .rows;

  beforeAll(async () => {
    example = await skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json');
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'registration-trust-test', [KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext({
      ...platform.env,
      REGISTRATION_WAIT_MS: '1000',
      REGISTRATION_BACKOFF_MS: '1000',
      REGISTRATION_ATTEMPTS: '4',
      UPSTREAM_HEADERS_TIMEOUT_MS: '500',
    });
    // The schema owner: one test adds a trigger to audit_events.
    db = new pg.Client({ connectionString: context.ownerUrl });
    await db.connect();
    await givenTenant(db, KOMMUNE, { suppliers: [SUPPLIER_A, SUPPLIER_B, SUPPLIER_R] });
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
    tokens.kommune = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
    for (const [name, supplier] of [
      ['a', SUPPLIER_A],
      ['b', SUPPLIER_B],
      ['r', SUPPLIER_R],
    ]) {
      tokens[name] = await sim.control.mintToken({
        consumerOrg: KOMMUNE,
        supplierOrg: supplier,
        scope: PLATFORM_SCOPE,
      });
    }
    example = withDocument(example, await uploadDecisionDocument({ url, orgnr: KOMMUNE, token: tokens.kommune }));
  });

  afterAll(async () => {
    await gateway?.close();
    await worker?.close();
    await db?.end();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  it('settles a registration the policy refuses at send time as refused with the code, and sends nothing', async () => {
    // Accepted while no worker runs; then the operator revokes the supplier that sent it.
    const response = await register('r', beslutning());
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await db.query(`DELETE FROM tenant_suppliers WHERE tenant_orgnr = $1 AND supplier_orgnr = $2`, [
      KOMMUNE,
      SUPPLIER_R,
    ]);
    await sim.control.clearRequests();

    worker = await createWorkerApp(context.config);
    await worker.init();
    const final = await settled(id);
    expect(final).toMatchObject({ status: 'refused', attempts: 1, refusal: { code: 'supplier-not-registered' } });
    expect(final.refusal?.detail).toContain(SUPPLIER_R);
    expect(await beslutningRequests()).toBe(0);
  });

  it('refuses a registration of a blocked data subject at send time', async () => {
    await worker?.close();
    worker = undefined;
    const response = await register('kommune', beslutning());
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const block = await db.query<{ id: string }>(
      `INSERT INTO blocked_subjects (subject_hash, reason, blocked_by) VALUES ($1, 'court order', 'test') RETURNING id`,
      [subjectKey(SUBJECT, context.config.policy.subjectBlockKey!)],
    );
    await sim.control.clearRequests();
    try {
      worker = await createWorkerApp(context.config);
      await worker.init();
      const final = await settled(id);
      expect(final).toMatchObject({ status: 'refused', refusal: { code: 'subject-blocked' } });
      expect(final.response).toBeUndefined();
    } finally {
      await db.query(`UPDATE blocked_subjects SET lifted_at = now() WHERE id = $1`, [block.rows[0].id]);
    }
    expect(await beslutningRequests()).toBe(0);
    const events = await auditOf(id);
    expect(events.map((event) => [event.kind, event.details.step ?? null, event.decision, event.reason_code])).toEqual([
      ['gateway-request', null, 'allow', null],
      ['registration-send', 'settlement', 'deny', 'subject-blocked'],
    ]);
    expect(events[1].subject_hash).toBeTruthy();
  });

  it('stores nothing and sends nothing when the audit store refuses the request (503 audit-unavailable)', async () => {
    await db.query(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.case_reference = 'SAK-AUDIT-DOWN') EXECUTE FUNCTION refuse_audit();`);
    await sim.control.clearRequests();
    const key = randomUUID();
    try {
      const response = await register('kommune', beslutning(), key, { 'x-case-reference': 'SAK-AUDIT-DOWN' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { code: string }).code).toBe('audit-unavailable');
    } finally {
      await db.query('DROP TRIGGER refuse_audit ON audit_events; DROP FUNCTION refuse_audit();');
    }
    expect((await db.query('SELECT 1 FROM registrations WHERE idempotency_key = $1', [key])).rowCount).toBe(0);
    // Nothing stored, so nothing may reach Skatteetaten later either.
    await consistently(async () => expect(await beslutningRequests()).toBe(0), { duration: 300 });
  });

  it('records each upstream attempt and the settlement as audit events with the upstream status and Korrelasjonsid', async () => {
    const response = await register('a', beslutning());
    expect(response.status).toBe(201);
    const id = response.headers.get('registration-id')!;
    const korrelasjonsid = response.headers.get('korrelasjonsid');
    const events = await auditOf(id);
    expect(
      events.map((event) => [event.kind, event.details.step ?? null, event.http_status, event.upstream_status]),
    ).toEqual([
      ['gateway-request', null, 202, null],
      ['registration-send', 'attempt', null, 201],
      ['registration-send', 'settlement', null, 201],
    ]);
    expect(events.slice(1).map((event) => event.korrelasjonsid)).toEqual([korrelasjonsid, korrelasjonsid]);
    expect(events.every((event) => event.supplier_orgnr === SUPPLIER_A && event.decision === 'allow')).toBe(true);
    expect(events[2].details.outcome).toBe('completed');
  });

  it('treats a send that times out as unknown and settles it by the duplicate answer, registered exactly once', async () => {
    await sim.control.addFault({ target: 'utleggstrekk', mode: 'delay-answer', ms: 1500, count: 1 });
    await sim.control.clearRequests();
    const response = await register('kommune', beslutning());
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const seen: string[] = [];
    const final = await settled(id, seen);

    expect(seen).toContain('unknown');
    expect(final).toMatchObject({ status: 'completed', attempts: 2, response: { status: 422 } });
    expect(await received(id)).toBe(1);
    expect(await beslutningRequests()).toBe(2);
    const events = (await auditOf(id)).filter((event) => event.kind === 'registration-send');
    expect(
      events.map((event) => [event.details.step, event.details.outcome, event.upstream_status, event.reason_code]),
    ).toEqual([
      ['attempt', 'unknown', null, 'upstream-timeout'],
      ['attempt', 'answered', 422, null],
      ['settlement', expect.stringContaining('DUPLIKAT_INNSENDING'), 422, null],
    ]);
    expect(events.every((event) => event.korrelasjonsid !== null)).toBe(true);
    expect(new Set(events.slice(0, 2).map((event) => event.korrelasjonsid)).size).toBe(2);

    const replay = await register('kommune', beslutning());
    expect(replay.status).toBe(201);
  });

  it("scopes Idempotency-Keys per caller: supplier B using supplier A's key gets its own registration, never A's receipt", async () => {
    const key = randomUUID();
    const body = beslutning();
    const first = await register('a', body, key);
    expect(first.status).toBe(201);
    const ofA = first.headers.get('registration-id');

    const replayed = await register('b', body, key);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBeNull();
    const ofB = replayed.headers.get('registration-id');
    expect(ofB).not.toBe(ofA);

    // Probing A's key with another body is no 422 either: B's keys are its own.
    const keyOfA = randomUUID();
    expect((await register('a', beslutning(), keyOfA)).status).toBe(201);
    const probe = await register('b', beslutning(), keyOfA);
    expect(probe.status).toBe(201);
    expect(probe.headers.get('idempotent-replayed')).toBeNull();

    // A's own retry still replays A's receipt.
    const again = await register('a', body, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('registration-id')).toBe(ofA);
  });

  it("lets a supplier read only its own registrations (404 for another supplier's)", async () => {
    const response = await register('a', beslutning());
    const id = response.headers.get('registration-id')!;
    const byB = await status(id, 'b');
    expect(byB.status).toBe(404);
    expect(((await byB.json()) as { code: string }).code).toBe('registration-not-found');
    expect((await status(id, 'a')).status).toBe(200);
    expect((await status(id, 'kommune')).status).toBe(200);
  });
});
