import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CONTEXT_HEADERS,
  eventually,
  type GatewayRig,
  PATHS,
  type SimulatorHandle,
  skatteetatenExample,
  startGatewayRig,
  type TestContext,
} from '../support/index.js';

const KOMMUNE = '974760673';
const OTHER_KOMMUNE = '964338531';
const HEADERS_TIMEOUT_MS = 400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Problem {
  code: string;
  detail: string;
  upstream?: { status: number; kode?: string; melding?: string; korrelasjonsid?: string };
}

describe('gateway → Skatteetaten through the catalogue', () => {
  let rig: GatewayRig;
  let sim: SimulatorHandle;
  let context: TestContext;
  let url: string;
  let token: string;

  const call = (
    path: string,
    init: { method?: string; accept?: string; body?: unknown; headers?: Record<string, string>; bearer?: string } = {},
  ) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.bearer ?? token}`,
        ...CONTEXT_HEADERS,
        ...(init.accept ? { accept: init.accept } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  /** The same request straight to the simulator, with a token Maskinporten would give the platform. */
  const direct = async (path: string, scope: string, accept?: string) => {
    const upstreamToken = await sim.control.mintToken({ consumerOrg: KOMMUNE, supplierOrg: '991825827', scope });
    return fetch(`${sim.url}${path}`, {
      headers: { authorization: `Bearer ${upstreamToken}`, ...(accept ? { accept } : {}) },
    });
  };
  const simRequests = async (target: string) =>
    (await sim.control.requests(target)) as Array<{
      headers: Record<string, string>;
      tokenClaims?: { consumer?: { ID: string } };
      status?: number;
    }>;

  beforeAll(async () => {
    rig = await startGatewayRig({
      client: 'proxy-test',
      tenants: [KOMMUNE],
      worker: true,
      env: {
        UPSTREAM_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        UPSTREAM_DEADLINE_MS: '3000',
        UPSTREAM_RETRIES: '1',
        UPSTREAM_RETRY_BASE_MS: '20',
        UPSTREAM_BREAKER_FAILURES: '3',
        UPSTREAM_BREAKER_OPEN_MS: '400',
        REGISTRATION_WAIT_MS: '1500',
        REGISTRATION_BACKOFF_MS: '150',
      },
    });
    ({ sim, context, url } = rig);
    token = await rig.token(KOMMUNE);
  });

  afterAll(() => rig?.close());

  beforeEach(async () => {
    await sim.control.clearFaults();
    await sim.control.clearRequests();
  });

  describe.each([
    ['inntekt', PATHS.inntekt(KOMMUNE), 'skatteetaten:inntekt'],
    ['summertskattegrunnlag', PATHS.skattegrunnlag(KOMMUNE), 'skatteetaten:summertskattegrunnlag'],
  ])('%s', (target, path, scope) => {
    it.each([['application/json'], ['application/xml']])("answers in %s with the simulator's bytes", async (accept) => {
      const response = await call(path, { accept });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(accept);
      const body = Buffer.from(await response.arrayBuffer());
      const expected = Buffer.from(
        await (await direct(path.replace(`/api/v1/${KOMMUNE}`, ''), scope, accept)).arrayBuffer(),
      );
      expect(body.equals(expected)).toBe(true);

      const [received] = (await simRequests(target)).slice(0, 1);
      expect(received.tokenClaims?.consumer?.ID).toBe(`0192:${KOMMUNE}`);
      expect(received.headers.korrelasjonsid).toMatch(UUID);
      expect(response.headers.get('korrelasjonsid')).toBe(received.headers.korrelasjonsid);
    });
  });

  it.each([['application/json'], ['application/xml']])(
    "answers oppslag samordnet trekk (a POST lookup) in %s with the simulator's bytes",
    async (accept) => {
      const body = await skatteetatenExample('oppslag-samordnet-trekk-kommune.json');
      const response = await call(PATHS.oppslag(KOMMUNE), { method: 'POST', body, accept });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(accept);
      const upstreamToken = await sim.control.mintToken({
        consumerOrg: KOMMUNE,
        supplierOrg: '991825827',
        scope: 'skatteetaten:utleggstrekkbeslutningkommune',
      });
      const expected = await fetch(`${sim.url}/utleggstrekk/v1/oppslag/samordnettrekk`, {
        method: 'POST',
        headers: { authorization: `Bearer ${upstreamToken}`, accept, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(await expected.arrayBuffer()))).toBe(true);
      const [received] = await simRequests('utleggstrekk');
      expect(received.tokenClaims?.consumer?.ID).toBe(`0192:${KOMMUNE}`);
      expect(received.headers.korrelasjonsid).toMatch(UUID);
    },
  );

  it('sends a fresh Korrelasjonsid on every upstream call, retries included', async () => {
    await sim.control.addFault({ target: 'inntekt', mode: 'status', status: 503, count: 1 });
    const first = await call(PATHS.inntekt(KOMMUNE));
    const second = await call(PATHS.inntekt(KOMMUNE));
    expect([first.status, second.status]).toEqual([200, 200]);
    const ids = (await simRequests('inntekt')).map((entry) => entry.headers.korrelasjonsid);
    expect(ids).toHaveLength(3); // the 503 was retried once
    expect(new Set(ids).size).toBe(3);
  });

  it('retries a GET once on DAS-003 and answers with the success', async () => {
    await sim.control.addFault({
      target: 'summertskattegrunnlag',
      mode: 'status',
      status: 500,
      kode: 'DAS-003',
      count: 1,
    });
    const response = await call(PATHS.skattegrunnlag(KOMMUNE));
    expect(response.status).toBe(200);
    expect(await simRequests('summertskattegrunnlag')).toHaveLength(2);
  });

  it("keeps Skatteetaten's error body inside the problem, with a status of the same class", async () => {
    const response = await call(
      `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2019-01&tilOgMed=2019-02`,
    );
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('upstream-rejected');
    expect(problem.upstream).toMatchObject({ status: 404, kode: 'IM-008' });
    expect(problem.upstream?.korrelasjonsid).toMatch(UUID);
    expect(problem.upstream?.melding).toEqual(expect.any(String));
  });

  it('maps an upstream 500 (DAS-001) to 502 upstream-error and a reset connection to 503 upstream-unavailable', async () => {
    await sim.control.addFault({ target: 'inntekt', mode: 'status', status: 500, kode: 'DAS-001', count: 1 });
    const failed = await call(PATHS.inntekt(KOMMUNE));
    expect(failed.status).toBe(502);
    expect((await failed.json()) as Problem).toMatchObject({
      code: 'upstream-error',
      upstream: { status: 500, kode: 'DAS-001' },
    });

    await sim.control.addFault({ target: 'inntekt', mode: 'reset', count: 2 });
    const reset = await call(PATHS.inntekt(KOMMUNE));
    expect(reset.status).toBe(503);
    expect(((await reset.json()) as Problem).code).toBe('upstream-unavailable');
    expect(await simRequests('inntekt')).toHaveLength(3); // 1 + the reset and its retry
  });

  it('answers 504 upstream-timeout within the header timeout plus 100 ms', async () => {
    await call(PATHS.skattegrunnlag(KOMMUNE)); // token cached and connection warm
    await sim.control.addFault({ target: 'summertskattegrunnlag', mode: 'latency', ms: 2000, count: 1 });
    const correlationId = `timeout-${Date.now()}`;
    const started = performance.now();
    const response = await call(PATHS.skattegrunnlag(KOMMUNE), { headers: { 'x-correlation-id': correlationId } });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(504);
    expect(((await response.json()) as Problem).code).toBe('upstream-timeout');
    expect(elapsed).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
    // The gateway's own time from the request's arrival to its answer (as audited): the test's
    // client shares this process and the two cores, so its clock also counts scheduling delays.
    const db = new pg.Client({ connectionString: context.config.database.url });
    await db.connect();
    const { rows } = await db.query('SELECT latency_ms FROM audit_events WHERE correlation_id = $1', [correlationId]);
    await db.end();
    expect(rows[0].latency_ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
    expect(rows[0].latency_ms).toBeLessThan(HEADERS_TIMEOUT_MS + 100);
  });

  it('opens the breaker after a burst of 5xx, refuses at once while open, and closes after a good probe', async () => {
    expect((await call(PATHS.skattegrunnlag(KOMMUNE))).status).toBe(200); // a success resets the failure count
    await sim.control.addFault({
      target: 'summertskattegrunnlag',
      mode: 'status',
      status: 500,
      kode: 'DAS-001',
      count: 3,
    });
    for (let i = 0; i < 3; i += 1) expect((await call(PATHS.skattegrunnlag(KOMMUNE))).status).toBe(502);
    const refused = await call(PATHS.skattegrunnlag(KOMMUNE));
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as Problem).code).toBe('upstream-unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await simRequests('summertskattegrunnlag')).toHaveLength(4); // the refusal never left the gateway

    // Refused at once until the open time is over; then the first call is the probe, and it succeeds.
    await eventually(async () => (await call(PATHS.skattegrunnlag(KOMMUNE))).status === 200, { timeout: 3000 });
    expect((await call(PATHS.skattegrunnlag(KOMMUNE))).status).toBe(200); // closed again
    expect(await simRequests('summertskattegrunnlag')).toHaveLength(6); // the probe and the call after it
  });

  describe('refused before any upstream work', () => {
    it.each([
      ['an Accept the upstream cannot serve', PATHS.inntekt(KOMMUNE), { accept: 'text/html' }, 406, 'not-acceptable'],
      [
        'a path outside the catalogue',
        `/api/v1/${KOMMUNE}/inntekt/v2/saernamsmann/01029413157/inntekter`,
        {},
        404,
        'operation-not-in-catalogue',
      ],
      [
        'an API that does not exist',
        `/api/v1/${KOMMUNE}/folkeregister/v1/personer`,
        {},
        404,
        'operation-not-in-catalogue',
      ],
      [
        'a method the operation does not have',
        PATHS.inntekt(KOMMUNE),
        { method: 'DELETE' },
        404,
        'operation-not-in-catalogue',
      ],
      ['an unknown query parameter', `${PATHS.inntekt(KOMMUNE)}&filter=x`, {}, 400, 'invalid-request'],
      ['a repeated query parameter', `${PATHS.inntekt(KOMMUNE)}&fraOgMed=2018-02`, {}, 400, 'period-invalid'],
      ['a lookup without a body', PATHS.oppslag(KOMMUNE), { method: 'POST' }, 400, 'invalid-request'],
      ["another municipality's path", PATHS.inntekt(OTHER_KOMMUNE), {}, 403, 'tenant-mismatch'],
    ] as const)('%s', async (_, path, init, status, code) => {
      const response = await call(path, init);
      expect(response.status).toBe(status);
      expect(((await response.json()) as Problem).code).toBe(code);
      expect(await sim.control.requests()).toEqual([]);
    });
  });

  describe('audit', () => {
    let db: pg.Client;
    beforeAll(async () => {
      // The schema owner: one test adds a constraint to audit_events.
      db = new pg.Client({ connectionString: context.ownerUrl });
      await db.connect();
    });
    afterAll(async () => db?.end());

    const eventsFor = async (correlationId: string) =>
      (await db.query('SELECT * FROM audit_events WHERE correlation_id = $1', [correlationId])).rows as Array<
        Record<string, unknown>
      >;

    it('commits one event per request, allowed or denied, with the subject only hashed and encrypted', async () => {
      const allowed = await call(PATHS.inntekt(KOMMUNE), {
        headers: {
          'x-correlation-id': 'audit-allowed-1',
          'x-case-reference': 'SAK-1',
          'x-end-user': 'saksbehandler-9',
        },
      });
      expect(allowed.status).toBe(200);
      const denied = await call(PATHS.inntekt(KOMMUNE), {
        accept: 'text/html',
        headers: { 'x-correlation-id': 'audit-denied-1' },
      });
      expect(denied.status).toBe(406);

      const [allowEvent] = await eventsFor('audit-allowed-1');
      expect(allowEvent).toMatchObject({
        tenant_orgnr: KOMMUNE,
        kind: 'gateway-request',
        operation: 'inntekt.hent-inntekter',
        decision: 'allow',
        http_status: 200,
        upstream_status: 200,
        korrelasjonsid: allowed.headers.get('korrelasjonsid'),
        case_reference: 'SAK-1',
        end_user: 'saksbehandler-9',
      });
      expect(JSON.stringify(allowEvent)).not.toContain('01029413157');
      expect(allowEvent.subject_hash).toMatch(/^[0-9a-f]{64}$/);
      const [denyEvent] = await eventsFor('audit-denied-1');
      expect(denyEvent).toMatchObject({
        decision: 'deny',
        reason_code: 'not-acceptable',
        http_status: 406,
        upstream_status: null,
      });
    });

    it('under concurrent load, every answer the client received (each 2xx above all) has exactly one committed event', async () => {
      const paths = [PATHS.inntekt(KOMMUNE), PATHS.skattegrunnlag(KOMMUNE)];
      const responses = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const correlationId = `load-${i}-${Math.random().toString(36).slice(2)}`;
          const response = await call(paths[i % 2], { headers: { 'x-correlation-id': correlationId } });
          await response.arrayBuffer();
          return { correlationId, status: response.status };
        }),
      );
      const { rows } = await db.query(
        'SELECT correlation_id, http_status, count(*) OVER (PARTITION BY correlation_id) AS n FROM audit_events WHERE correlation_id = ANY($1)',
        [responses.map((response) => response.correlationId)],
      );
      const events = new Map(
        (rows as Array<{ correlation_id: string; http_status: number; n: string }>).map((row) => [
          row.correlation_id,
          row,
        ]),
      );
      expect(rows).toHaveLength(responses.length);
      for (const response of responses) {
        expect(events.get(response.correlationId)).toMatchObject({ http_status: response.status, n: '1' });
      }
      // Skatteetaten's five concurrent calls per API refuse some with 429; the rest got their data.
      expect(responses.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(10);
    });

    it('serves no data when the audit store refuses the event (503 audit-unavailable)', async () => {
      await db.query('ALTER TABLE audit_events ADD CONSTRAINT audit_test_refuse CHECK (false) NOT VALID');
      try {
        const response = await call(PATHS.inntekt(KOMMUNE));
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(((await response.json()) as Problem).code).toBe('audit-unavailable');
      } finally {
        await db.query('ALTER TABLE audit_events DROP CONSTRAINT audit_test_refuse');
      }
    });
  });

  it("drops the municipality's cached Maskinporten tokens when a flush is NOTIFYed", async () => {
    const tokenRequests = async () => (await sim.control.requests('maskinporten')).length;
    expect((await call(PATHS.inntekt(KOMMUNE))).status).toBe(200);
    const before = await tokenRequests();
    expect((await call(PATHS.inntekt(KOMMUNE))).status).toBe(200);
    expect(await tokenRequests()).toBe(before); // served from the cache

    const db = new pg.Client({ connectionString: context.config.database.url });
    await db.connect();
    await db.query(`SELECT pg_notify('delingsmegler_token_flush', $1)`, [KOMMUNE]);
    await db.end();
    // Served from the cache until the flush arrives; the first call after it asks Maskinporten again, once.
    await eventually(async () => {
      expect((await call(PATHS.inntekt(KOMMUNE))).status).toBe(200);
      return (await tokenRequests()) > before;
    });
    expect(await tokenRequests()).toBe(before + 1);
  });
});
