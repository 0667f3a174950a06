import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freePort, type RunningProcess, startProcess, waitReady } from '../support/processes.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { eventually } from '../support/eventually.js';

const CHAIN = 'roles-test';
const KOMMUNE = '974760673';
const DAY = 86_400_000;
/** Connections this file opens itself, told apart from the processes' in pg_stat_activity. */
const OWN = 'roles-e2e';

/** Not the append-only trigger's refusal: the runtime role lacks the privilege (or the ownership) altogether. */
const NOT_ALLOWED = /permission denied for (table|function|relation)|must be owner of/;

const REWRITES: Array<[string, string]> = [
  ['audit_events', `UPDATE audit_events SET decision = 'deny'`],
  ['audit_events', 'DELETE FROM audit_events'],
  ['audit_events', 'TRUNCATE audit_events'],
  ['audit_events', 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only'],
  ['audit_events', 'DROP TABLE audit_events'],
  ['audit_chain', `UPDATE audit_chain SET hash = 'x'`],
  ['audit_chain', 'DELETE FROM audit_chain'],
  ['audit_chain', 'TRUNCATE audit_chain'],
  ['audit_chain', 'ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only'],
  ['audit_chain', 'DROP TABLE audit_chain'],
  ['audit_checkpoints', `UPDATE audit_checkpoints SET jws = 'x'`],
  ['audit_checkpoints', 'DELETE FROM audit_checkpoints'],
  ['audit_checkpoints', 'TRUNCATE audit_checkpoints'],
  ['audit_checkpoints', 'ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only'],
  ['audit_checkpoints', 'DROP TABLE audit_checkpoints'],
  ['audit_retention_policy', 'UPDATE audit_retention_policy SET min_days = 1'],
  ['audit_delete_expired', 'ALTER FUNCTION audit_delete_expired(integer, integer) SECURITY INVOKER'],
  ['audit_delete_expired', 'DROP FUNCTION audit_delete_expired(integer, integer)'],
];

describe('audit storage the runtime role cannot rewrite', () => {
  let context: TestContext;
  /** delingsmegler_app, as the four processes connect. */
  let app: pg.Client;
  /** delingsmegler_owner, as the migrations (and a DBA) connect. */
  let owner: pg.Client;

  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url, application_name: OWN });
    await client.connect();
    return client;
  };
  const insertEvent = async (occurredAt: Date, caseReference: string, tenant: string | null = null): Promise<string> =>
    (
      await app.query(
        `INSERT INTO audit_events (occurred_at, kind, tenant_orgnr, actor_type, actor_id, operation, case_reference, decision)
         VALUES ($1, 'gateway-request', $2, 'municipality', 'test', 'inntekt.hent', $3, 'allow') RETURNING id::text AS id`,
        [occurredAt, tenant, caseReference],
      )
    ).rows[0].id;
  const seal = (eventId: string, seq: number) =>
    app.query(`INSERT INTO audit_chain (event_id, chain, seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5)`, [
      eventId,
      CHAIN,
      seq,
      `h${seq - 1}`,
      `h${seq}`,
    ]);
  const caseReferences = async (): Promise<string[]> =>
    (await owner.query(`SELECT case_reference FROM audit_events WHERE case_reference LIKE 'R-%' ORDER BY id`)).rows.map(
      (row) => row.case_reference,
    );
  const counts = async () =>
    (
      await owner.query(
        `SELECT (SELECT count(*) FROM audit_events)::int AS events, (SELECT count(*) FROM audit_chain)::int AS links, (SELECT count(*) FROM audit_checkpoints)::int AS checkpoints`,
      )
    ).rows[0];

  beforeAll(async () => {
    context = await createTestContext();
    app = await connect(context.config.database.url);
    owner = await connect(context.ownerUrl);
    // Chain `roles-test`: two events past five years, one recent, then an old one sealed after it; one old event unsealed.
    const ago = (years: number) => new Date(Date.now() - years * 365 * DAY);
    await seal(await insertEvent(ago(7), 'R-1'), 1);
    await seal(await insertEvent(ago(6), 'R-2'), 2);
    await seal(await insertEvent(ago(1), 'R-3'), 3);
    await seal(await insertEvent(ago(7), 'R-4'), 4);
    await insertEvent(ago(8), 'R-5');
    await app.query(
      `INSERT INTO audit_checkpoints (chain, seq, hash, sealed_at, key_id, jws) VALUES ($1, 4, 'h4', now(), 'k', 'x.y.z')`,
      [CHAIN],
    );
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await context?.close();
  });

  it('connects as delingsmegler_app, which owns nothing and is no superuser', async () => {
    const { rows } = await app.query(
      `SELECT current_user AS "user", r.rolsuper AS super,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ user: 'delingsmegler_app', super: false, owns: 0 });
  });

  it('may INSERT and SELECT on the audit tables', async () => {
    expect(await counts()).toEqual({ events: 5, links: 4, checkpoints: 1 });
    const { rows } = await app.query(
      `SELECT c.seq::int AS seq, e.case_reference FROM audit_chain c JOIN audit_events e ON e.id = c.event_id WHERE c.chain = $1 ORDER BY c.seq`,
      [CHAIN],
    );
    expect(rows.map((row) => row.case_reference)).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
  });

  describe.each([
    ['as it is', false],
    ["after SET delingsmegler.audit_retention = 'on'", true],
  ])('%s', (_label, retentionFlag) => {
    beforeAll(async () => {
      if (retentionFlag) await app.query(`SET delingsmegler.audit_retention = 'on'`);
    });

    afterAll(async () => {
      await app.query(`RESET delingsmegler.audit_retention`);
    });

    it.each(REWRITES)('%s: refuses %s', async (_object, statement) => {
      const before = await counts();
      await expect(app.query(statement)).rejects.toThrow(NOT_ALLOWED);
      expect(await counts()).toEqual(before);
    });
  });

  it('the retention function deletes only sealed events older than the retention, and never sooner than the database minimum', async () => {
    // The runtime role asks for no retention at all; the database keeps its minimum (1830 days).
    expect((await app.query(`SELECT audit_delete_expired(0, 1000) AS n`)).rows[0].n).toBe(2);
    expect(await caseReferences()).toEqual(['R-3', 'R-4', 'R-5']);
    // Only the owner lowers the minimum; then the requested 180 days apply. R-4 went only with
    // R-3 before it (a chain's oldest prefix); R-5 is unsealed and stays however old it is.
    await owner.query(`UPDATE audit_retention_policy SET min_days = 30`);
    expect((await app.query(`SELECT audit_delete_expired(3650, 1000) AS n`)).rows[0].n).toBe(0);
    expect((await app.query(`SELECT audit_delete_expired(180, 1000) AS n`)).rows[0].n).toBe(2);
    expect(await caseReferences()).toEqual(['R-5']);
    // Chain rows and checkpoints stay: the rest still links to its predecessor's hash.
    expect(await counts()).toEqual({ events: 1, links: 4, checkpoints: 1 });
    // The flag the trigger honours was local to the function: it lends the caller nothing.
    await app.query('BEGIN');
    try {
      await app.query(`SELECT audit_delete_expired(180, 1000)`);
      expect(
        (await app.query(`SELECT current_setting('delingsmegler.audit_retention', true) AS flag`)).rows[0].flag,
      ).toBe('off');
      await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(NOT_ALLOWED);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  describe('gateway and worker, as they run', () => {
    let sim: SimulatorHandle;
    let gateway: RunningProcess;
    let worker: RunningProcess;
    let oldEvent: string;

    beforeAll(async () => {
      sim = await startSimulator();
      // The DBA's minimum below the worker's 365 days, so the worker's own setting decides.
      await owner.query(`UPDATE audit_retention_policy SET min_days = 30`);
      await seedActiveTenant(context.config.database.url, KOMMUNE);
      oldEvent = await insertEvent(new Date(Date.now() - 400 * DAY), 'R-old', KOMMUNE);
      const env = {
        ...context.env,
        MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
        SIMULATOR_PUBLIC_URL: sim.url,
        AUDIT_SEAL_INTERVAL_MS: '200',
        AUDIT_RETENTION_INTERVAL_MS: '1000',
        AUDIT_RETENTION_DAYS: '365',
        DELEGATION_RECHECK_INTERVAL_SECONDS: '0',
      };
      const [gatewayPort, workerPort] = [await freePort(), await freePort()];
      gateway = startProcess('gateway', { ...env, GATEWAY_PORT: String(gatewayPort) }, gatewayPort);
      worker = startProcess('worker', { ...env, WORKER_PORT: String(workerPort) }, workerPort);
      await Promise.all([waitReady(gateway, 60_000), waitReady(worker, 60_000)]);
    }, 90_000);

    afterAll(async () => {
      await Promise.all([gateway?.stop(), worker?.stop()]);
      await sim?.close();
    });

    it('record, seal and prune the audit log as delingsmegler_app, pruning only through the function', async () => {
      // A refusal of an established tenant's request is audited like any other request.
      const token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: 'delingsmegler:api' });
      const response = await fetch(
        `${gateway.url}/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01`,
        {
          headers: {
            authorization: `Bearer ${token}`,
            ...CONTEXT_HEADERS,
            'x-purpose': '',
            'x-correlation-id': 'roles-e2e-1',
          },
        },
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('purpose-missing');

      // The worker seals the request's event and deletes the 400-day-old one once it is sealed.
      const state = await eventually(
        async () => {
          const { rows } = await owner.query<{ old: number; recent: number; sealed: number }>(
            `SELECT (SELECT count(*) FROM audit_events WHERE id = $1)::int AS old,
                    (SELECT count(*) FROM audit_events WHERE correlation_id = 'roles-e2e-1')::int AS recent,
                    (SELECT count(*) FROM audit_chain c JOIN audit_events e ON e.id = c.event_id WHERE e.correlation_id = 'roles-e2e-1')::int AS sealed`,
            [oldEvent],
          );
          if (rows[0].old !== 0 || rows[0].sealed !== 1)
            throw new Error(`not yet sealed and deleted: ${JSON.stringify(rows[0])}`);
          return rows[0];
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(state).toEqual({ old: 0, recent: 1, sealed: 1 });
      const { rows } = await owner.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`,
        [OWN],
      );
      expect(rows.map((row) => row.usename)).toEqual(['delingsmegler_app']);
    }, 45_000);
  });
});
