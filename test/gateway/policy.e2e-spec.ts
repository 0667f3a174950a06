import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createGatewayApp } from '#gateway';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';
import { connectPlatform, PLATFORM_SCOPE } from './support.js';

/** Municipalities (valid orgnr), one per tenant state under test. */
const ORG = {
  active: '974760673',
  unknown: '964338531',
  terminated: '938801363',
  succeeded: '910000004',
  suspended: '944117784',
  inntektSuspended: '939781293',
  noDeclaration: '910000012',
  approvedOnly: '910000020',
  skattegrunnlagOnly: '964947082',
  prodDeclaration: '959159092',
  oneBasis: '964983380',
  rateLimited: '910000039',
};
const SUPPLIER = '920204368';
const PERSON = '01029413157';
const inntekt = (orgnr: string, query = 'fraOgMed=2018-01&tilOgMed=2018-07', person = PERSON, pakke = 'saernamsmann') =>
  `/api/v1/${orgnr}/inntekt/v1/${pakke}/${person}/inntekter?${query}`;
const skattegrunnlag = (orgnr: string, year: string) =>
  `/api/v1/${orgnr}/summertskattegrunnlag/v2/oppgjoer/saernamsmann/${year}/13819699571`;

describe('policy on every gateway request', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: NestFastifyApplication;
  let url: string;
  let db: pg.Client;
  let cleanup: () => Promise<void>;

  const sql = (text: string, params: unknown[] = []) => db.query(text, params);
  const notify = (orgnr: string) => sql(`SELECT pg_notify('delingsmegler_policy', $1)`, [orgnr]);
  const call = async (
    path: string,
    options: { orgnr?: string; headers?: Record<string, string | undefined>; supplier?: string } = {},
  ) => {
    const orgnr = options.orgnr ?? path.split('/')[3];
    const token = await sim.control.mintToken({
      consumerOrg: orgnr,
      scope: PLATFORM_SCOPE,
      ...(options.supplier ? { supplierOrg: options.supplier } : {}),
    });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    for (const [name, value] of Object.entries({ ...CONTEXT_HEADERS, ...options.headers }))
      if (value !== undefined) headers[name] = value;
    const response = await fetch(`${url}${path}`, { headers });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { code?: string; reasons?: string[]; policyVersion?: string; apis?: unknown[] },
    };
  };

  beforeAll(async () => {
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'policy-test', [ORG.active, ORG.skattegrunnlagOnly, ORG.rateLimited]);
    cleanup = platform.cleanup;
    context = await createTestContext(platform.env);
    // The schema owner: one test renames a table under the gateway.
    db = new pg.Client({ connectionString: context.ownerUrl });
    await db.connect();
    for (const orgnr of Object.values(ORG).filter((o) => o !== ORG.unknown && o !== ORG.noDeclaration))
      await seedActiveTenant(context.config.database.url, orgnr);
    await sql(`INSERT INTO tenants (orgnr, name) VALUES ($1, 'Uten erklæring')`, [ORG.noDeclaration]);
    await sql(`UPDATE tenants SET status = 'terminated' WHERE orgnr = $1`, [ORG.terminated]);
    await sql(`UPDATE tenants SET status = 'succeeded', successor_orgnr = $2 WHERE orgnr = $1`, [
      ORG.succeeded,
      ORG.active,
    ]);
    await sql(
      `INSERT INTO tenant_suspensions (tenant_orgnr, api, reason, suspended_by) VALUES ($1, NULL, 'incident', 'op'), ($2, 'inntekt', 'incident', 'op')`,
      [ORG.suspended, ORG.inntektSuspended],
    );
    await sql(`UPDATE declarations SET status = 'approved' WHERE tenant_orgnr = $1`, [ORG.approvedOnly]);
    await sql(`UPDATE declarations SET apis = '{summertskattegrunnlag}' WHERE tenant_orgnr = $1`, [
      ORG.skattegrunnlagOnly,
    ]);
    await sql(`UPDATE declarations SET environment = 'prod' WHERE tenant_orgnr = $1`, [ORG.prodDeclaration]);
    await sql(`UPDATE declarations SET legal_bases = '{eigedomsskattelova-27}' WHERE tenant_orgnr = $1`, [
      ORG.oneBasis,
    ]);
    await sql(`UPDATE tenants SET rate_per_minute = 2 WHERE orgnr = $1`, [ORG.rateLimited]);
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.end();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  it('lets a request that meets every rule through', async () => {
    expect((await call(inntekt(ORG.active))).status).toBe(200);
  });

  type Case = [string, string, Parameters<typeof call>[1], number, string];
  const cases: Case[] = [
    ['a terminated tenant', inntekt(ORG.terminated), {}, 403, 'tenant-terminated'],
    ['a tenant merged into another', inntekt(ORG.succeeded), {}, 403, 'tenant-succeeded'],
    ['a suspended tenant', inntekt(ORG.suspended), {}, 403, 'tenant-suspended'],
    ['an API suspended for the tenant', inntekt(ORG.inntektSuspended), {}, 403, 'api-suspended-for-tenant'],
    [
      'a supplier not registered for the tenant',
      inntekt(ORG.active),
      { supplier: SUPPLIER },
      403,
      'supplier-not-registered',
    ],
    ['a tenant without a declaration', inntekt(ORG.noDeclaration), {}, 403, 'declaration-missing'],
    ['a declaration not yet active', inntekt(ORG.approvedOnly), {}, 403, 'declaration-not-active'],
    ['an API the declaration does not cover', inntekt(ORG.skattegrunnlagOnly), {}, 403, 'declaration-api-not-covered'],
    [
      'a declaration for production on the test platform',
      inntekt(ORG.prodDeclaration),
      {},
      403,
      'declaration-environment-mismatch',
    ],
    ['another rettighetspakke', inntekt(ORG.active, undefined, PERSON, 'sbl'), {}, 400, 'fixed-path-value-invalid'],
    ['no X-Purpose', inntekt(ORG.active), { headers: { 'x-purpose': undefined } }, 400, 'purpose-missing'],
    [
      'another purpose',
      inntekt(ORG.active),
      { headers: { 'x-purpose': 'kredittvurdering' } },
      403,
      'purpose-not-allowed',
    ],
    ['no X-Legal-Basis', inntekt(ORG.active), { headers: { 'x-legal-basis': undefined } }, 400, 'legal-basis-missing'],
    [
      'an unknown legal basis',
      inntekt(ORG.active),
      { headers: { 'x-legal-basis': 'skatteloven-1' } },
      400,
      'legal-basis-unknown',
    ],
    ['a legal basis the declaration does not list', inntekt(ORG.oneBasis), {}, 403, 'legal-basis-not-registered'],
    [
      'no X-Case-Reference',
      inntekt(ORG.active),
      { headers: { 'x-case-reference': undefined } },
      400,
      'case-reference-missing',
    ],
    [
      'a case reference holding a personal identifier',
      inntekt(ORG.active),
      { headers: { 'x-case-reference': `SAK ${PERSON}` } },
      400,
      'case-reference-invalid',
    ],
    ['no X-End-User', inntekt(ORG.active), { headers: { 'x-end-user': undefined } }, 400, 'end-user-missing'],
    [
      'an end user with spaces',
      inntekt(ORG.active),
      { headers: { 'x-end-user': 'Kari Nordmann' } },
      400,
      'end-user-invalid',
    ],
    [
      'a personidentifikator with a wrong check digit',
      inntekt(ORG.active, undefined, '01029413158'),
      {},
      400,
      'invalid-personidentifikator',
    ],
    [
      'a personidentifikator of ten digits',
      inntekt(ORG.active, undefined, '0102941315'),
      {},
      400,
      'invalid-personidentifikator',
    ],
    ['a month that is not YYYY-MM', inntekt(ORG.active, 'fraOgMed=2018-13'), {}, 400, 'period-invalid'],
    ['no fraOgMed', inntekt(ORG.active, 'tilOgMed=2018-07'), {}, 400, 'period-invalid'],
    [
      'a period that ends before it starts',
      inntekt(ORG.active, 'fraOgMed=2018-07&tilOgMed=2018-01'),
      {},
      400,
      'period-reversed',
    ],
    [
      'a period longer than allowed',
      inntekt(ORG.active, 'fraOgMed=2016-01&tilOgMed=2018-07'),
      {},
      400,
      'period-too-long',
    ],
    ['an income year that is not YYYY', skattegrunnlag(ORG.active, '25'), {}, 400, 'income-year-invalid'],
    [
      'an income year outside the supported range',
      skattegrunnlag(ORG.active, '2009'),
      {},
      400,
      'income-year-out-of-range',
    ],
  ];

  it.each(cases)(
    'refuses %s (%i %s), audits it with its reasons, and calls nothing upstream',
    async (_, path, options, status, code) => {
      await sim.control.clearRequests();
      const correlationId = `policy-${code}-${Math.random().toString(36).slice(2)}`;
      const { status: got, body } = await call(path, {
        ...options,
        headers: { ...options?.headers, 'x-correlation-id': correlationId },
      });
      expect({ got, code: body.code }).toEqual({ got: status, code });
      expect(body.reasons?.length).toBeGreaterThan(0);
      expect(body.policyVersion).toEqual(expect.any(String));
      expect((await sim.control.requests()).filter((entry) => entry.target !== 'maskinporten')).toEqual([]);
      const { rows } = await sql('SELECT decision, reason_code, reasons FROM audit_events WHERE correlation_id = $1', [
        correlationId,
      ]);
      expect(rows).toEqual([{ decision: 'deny', reason_code: code, reasons: body.reasons }]);
    },
  );

  it('refuses an organisation that is not a tenant (403 tenant-unknown) without writing an audit event for it: no tenant, no tenant log', async () => {
    const correlationId = `policy-unknown-${Math.random().toString(36).slice(2)}`;
    const { status, body } = await call(inntekt(ORG.unknown), { headers: { 'x-correlation-id': correlationId } });
    expect({ status, code: body.code }).toEqual({ status: 403, code: 'tenant-unknown' });
    expect(
      (
        await sql('SELECT count(*)::int AS n FROM audit_events WHERE tenant_orgnr = $1 OR correlation_id = $2', [
          ORG.unknown,
          correlationId,
        ])
      ).rows,
    ).toEqual([{ n: 0 }]);
  });

  it('puts an operator change in force at once: a suspension refuses the next request, lifting it allows again', async () => {
    expect((await call(inntekt(ORG.active))).status).toBe(200);
    await sql(
      `INSERT INTO tenant_suspensions (tenant_orgnr, api, reason, suspended_by) VALUES ($1, NULL, 'incident', 'op')`,
      [ORG.active],
    );
    await notify(ORG.active);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(inntekt(ORG.active))).body.code).toBe('tenant-suspended');
    await sql(`UPDATE tenant_suspensions SET lifted_at = now() WHERE tenant_orgnr = $1`, [ORG.active]);
    await notify(ORG.active);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(inntekt(ORG.active))).status).toBe(200);
  });

  it('applies the operator-set rate per tenant (429 rate-limit-exceeded with Retry-After)', async () => {
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await call(inntekt(ORG.rateLimited)));
    expect(results.map((result) => result.status)).toEqual([200, 200, 429]);
    expect(results[2].body.code).toBe('rate-limit-exceeded');
    expect(Number(results[2].retryAfter)).toBeGreaterThanOrEqual(1);
  });

  describe('GET /api/v1/{orgnr}/status', () => {
    it.each([
      [ORG.active, { inntekt: 'usable', summertskattegrunnlag: 'usable', utleggstrekk: 'usable' }],
      [
        ORG.inntektSuspended,
        { inntekt: 'api-suspended-for-tenant', summertskattegrunnlag: 'usable', utleggstrekk: 'usable' },
      ],
      [
        ORG.skattegrunnlagOnly,
        {
          inntekt: 'declaration-api-not-covered',
          summertskattegrunnlag: 'usable',
          utleggstrekk: 'declaration-api-not-covered',
        },
      ],
      [
        ORG.approvedOnly,
        {
          inntekt: 'declaration-not-active',
          summertskattegrunnlag: 'declaration-not-active',
          utleggstrekk: 'declaration-not-active',
        },
      ],
    ])('tells %s which APIs it can use now and, for each it cannot, the reason code', async (orgnr, expected) => {
      const { status, body } = await call(`/api/v1/${orgnr}/status`);
      expect(status).toBe(200);
      const apis = body.apis as Array<{ api: string; usable: boolean; code?: string }>;
      expect(Object.fromEntries(apis.map((api) => [api.api, api.usable ? 'usable' : api.code]))).toEqual(expected);
    });

    it('answers an organisation that is not a tenant with 403 tenant-unknown', async () => {
      const { status, body } = await call(`/api/v1/${ORG.unknown}/status`);
      expect({ status, code: body.code }).toEqual({ status: 403, code: 'tenant-unknown' });
    });

    it("never answers for another municipality's orgnr (403 tenant-mismatch)", async () => {
      const { status, body } = await call(`/api/v1/${ORG.inntektSuspended}/status`, { orgnr: ORG.active });
      expect(status).toBe(403);
      expect(body.code).toBe('tenant-mismatch');
    });
  });

  it('fails closed for a tenant whose change could not be loaded (503), and recovers once it can', async () => {
    await sql('ALTER TABLE tenant_suppliers RENAME TO tenant_suppliers_away');
    try {
      await notify(ORG.active);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await call(inntekt(ORG.active));
      expect(refused).toMatchObject({ status: 503, body: { code: 'policy-state-unavailable' } });
      expect((await call(skattegrunnlag(ORG.skattegrunnlagOnly, '2025'))).status).toBe(200); // other tenants are unaffected
    } finally {
      await sql('ALTER TABLE tenant_suppliers_away RENAME TO tenant_suppliers');
    }
    await new Promise((resolve) => setTimeout(resolve, 1300)); // the reload is retried every second
    expect((await call(inntekt(ORG.active))).status).toBe(200);
  });

  it('refuses a declaration signed under terms that now require re-signing', async () => {
    await sql(
      `INSERT INTO terms_versions (version, published_at, effective_from, changelog, requires_resign) VALUES ('2026.2', now(), now() - interval '1 minute', 'New annex', true)`,
    );
    await notify('*');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { status, body } = await call(inntekt(ORG.active));
    expect(status).toBe(403);
    expect(body.code).toBe('terms-not-signed');
  });
});
