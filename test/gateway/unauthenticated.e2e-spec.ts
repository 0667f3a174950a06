import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONTEXT_HEADERS, eventually, type GatewayRig, PATHS, startGatewayRig } from '../support/index.js';

const KOMMUNE = '974760673';
const NOT_A_TENANT = '964338531';
const OTHER = '971526920';
const BOUND = 4;

/**
 * Issue 12, item 3: requests refused before a tenant is established (no token, a token for another
 * organisation, no such tenant) write nothing into any tenant's audit log; they are counted in the
 * platform's security log per source address and reason, and a source over its bound is 429.
 * The gateway trusts loopback as its proxy, so each test is its own source via X-Forwarded-For.
 */
describe('unauthenticated and mismatched traffic stays out of tenant logs', () => {
  let rig: GatewayRig;

  const sql = (text: string, params: unknown[] = []) => rig.db.query(text, params);
  /** Without a token unless the headers carry one; from `source` as the trusted proxy says. */
  const call = async (path: string, source: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${rig.url}${path}`, { headers: { 'x-forwarded-for': source, ...headers } });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { code?: string },
    };
  };
  const tenantEvents = async (...orgnrs: string[]) =>
    (await sql(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_orgnr = ANY($1)`, [orgnrs])).rows[0]
      .n as number;
  /** The security log's counts for a source, once the gateway has flushed them. */
  const securityLog = (source: string, expected: number): Promise<Record<string, number>> =>
    eventually(async () => {
      const { rows } = await sql(
        `SELECT reason, sum(count)::int AS n FROM security_refusals WHERE source = $1 GROUP BY reason`,
        [source],
      );
      const counts: Record<string, number> = Object.fromEntries(rows.map((row) => [row.reason, row.n]));
      if (Object.values(counts).reduce((sum, n) => sum + n, 0) < expected)
        throw new Error(`${expected} refusals expected, the log has ${JSON.stringify(counts)}`);
      return counts;
    });

  beforeAll(async () => {
    rig = await startGatewayRig({
      tenants: [KOMMUNE],
      connect: [],
      env: { HTTP_TRUST_PROXY: '127.0.0.1', GATEWAY_REFUSED_PER_MINUTE: String(BOUND), SECURITY_LOG_FLUSH_MS: '100' },
    });
  });

  afterAll(() => rig?.close());

  it("writes nothing into a tenant's audit log for a request without a token, nor starts a chain for any orgnr; the security log counts it", async () => {
    const source = '198.51.100.1';
    const attacker = {
      ...CONTEXT_HEADERS,
      'x-end-user': 'attacker',
      'x-case-reference': 'SAK 01029413157',
      'user-agent': 'evil/1.0',
    };
    for (const orgnr of [KOMMUNE, NOT_A_TENANT]) {
      const { status, body } = await call(PATHS.inntekt(orgnr), source, attacker);
      expect({ status, code: body.code }).toEqual({ status: 401, code: 'token-missing' });
    }
    expect((await call(`/api/v1/${KOMMUNE}/audit`, source, { authorization: 'Bearer not.a.jwt' })).body.code).toBe(
      'token-malformed',
    );
    expect(await tenantEvents(KOMMUNE, NOT_A_TENANT)).toBe(0);
    expect(await securityLog(source, 3)).toEqual({ 'token-missing': 2, 'token-malformed': 1 });
    const stored = await sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE end_user = 'attacker' OR case_reference LIKE '%01029413157%'`,
    );
    expect(stored.rows).toEqual([{ n: 0 }]);
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM security_refusals WHERE reason LIKE '%01029413157%' OR source LIKE '%attacker%'`,
        )
      ).rows,
    ).toEqual([{ n: 0 }]);
  });

  it("writes nothing into the path's tenant log for a token of another organisation (403 tenant-mismatch), nor for an organisation that is no tenant", async () => {
    const source = '198.51.100.2';
    const [other, notTenant] = await Promise.all([rig.token(OTHER), rig.token(NOT_A_TENANT)]);
    const mismatched = await call(PATHS.inntekt(KOMMUNE), source, {
      ...CONTEXT_HEADERS,
      authorization: `Bearer ${other}`,
    });
    expect({ status: mismatched.status, code: mismatched.body.code }).toEqual({ status: 403, code: 'tenant-mismatch' });
    const unknown = await call(`/api/v1/${NOT_A_TENANT}/audit`, source, { authorization: `Bearer ${notTenant}` });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 403, code: 'tenant-unknown' });
    expect(await securityLog(source, 2)).toEqual({ 'tenant-mismatch': 1, 'tenant-unknown': 1 });
    expect(await tenantEvents(KOMMUNE, OTHER, NOT_A_TENANT)).toBe(0);

    // The tenant's own authenticated call is its first event.
    const own = await rig.token(KOMMUNE);
    expect((await call(`/api/v1/${KOMMUNE}/status`, source, { authorization: `Bearer ${own}` })).status).toBe(200);
    expect(await tenantEvents(KOMMUNE)).toBe(1);
  });

  it('answers a source over its bound of refused requests with 429 and Retry-After, even with a good token, while other sources go on', async () => {
    // The bound is per wall-clock minute: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await eventually(() => Date.now() % 60_000 < 55_000, { timeout: 6000 });
    const source = '198.51.100.3';
    const own = await rig.token(KOMMUNE);
    const before = await tenantEvents(KOMMUNE);
    const statuses = [];
    for (let i = 0; i < BOUND; i++) statuses.push((await call(`/api/v1/${KOMMUNE}/status`, source)).status);
    expect(statuses).toEqual(Array(BOUND).fill(401));

    for (const headers of [{}, { authorization: `Bearer ${own}` }] as Array<Record<string, string>>) {
      const limited = await call(`/api/v1/${KOMMUNE}/status`, source, headers);
      expect({ status: limited.status, code: limited.body.code }).toEqual({
        status: 429,
        code: 'too-many-refused-requests',
      });
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    }
    expect((await call(`/api/v1/${KOMMUNE}/status`, '198.51.100.4', { authorization: `Bearer ${own}` })).status).toBe(
      200,
    );
    expect(await securityLog(source, BOUND + 2)).toEqual({ 'token-missing': BOUND, 'too-many-refused-requests': 2 });
    // Only the other source's allowed call reached the tenant's log.
    expect(await tenantEvents(KOMMUNE)).toBe(before + 1);
  });
});
