import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  type CallOptions,
  connect,
  eventually,
  type GatewayRig,
  notifyPolicyChange,
  startGatewayRig,
} from '../support/index.js';

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
  let rig: GatewayRig;
  let owner: pg.Client;

  const sql = (text: string, params: unknown[] = []) => rig.db.query(text, params);
  const call = (path: string, options: CallOptions = {}) =>
    rig.call<{ policyVersion?: string; apis?: unknown[] }>(path, options);
  /** Calls until the gateway's policy state shows a change (NOTIFY reaches it within milliseconds). */
  const untilCode = (path: string, code: string | undefined) =>
    eventually(async () => {
      const answer = await call(path);
      return answer.body.code === code && answer;
    });

  beforeAll(async () => {
    rig = await startGatewayRig({
      client: 'policy-test',
      connect: [ORG.active, ORG.skattegrunnlagOnly, ORG.rateLimited],
      tenants: {
        [ORG.active]: {},
        [ORG.terminated]: { status: 'terminated' },
        [ORG.succeeded]: { status: 'succeeded', successor: ORG.active },
        [ORG.suspended]: { suspended: 'all' },
        [ORG.inntektSuspended]: { suspended: ['inntekt'] },
        [ORG.noDeclaration]: { name: 'Uten erklæring', declaration: null },
        [ORG.approvedOnly]: { declaration: { status: 'approved' } },
        [ORG.skattegrunnlagOnly]: { declaration: { apis: ['summertskattegrunnlag'] } },
        [ORG.prodDeclaration]: { declaration: { environment: 'prod' } },
        [ORG.oneBasis]: { declaration: { legalBases: ['eigedomsskattelova-27'] } },
        [ORG.rateLimited]: { ratePerMinute: 2 },
      },
    });
    // The schema owner: one test renames a table under the gateway.
    owner = await connect(rig.context.ownerUrl);
  });

  afterAll(async () => {
    await owner?.end();
    await rig?.close();
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
    'refuses %s (%s %j: %i %s), audits it with its reasons, and calls nothing upstream',
    async (_, path, options, status, code) => {
      await rig.sim.control.clearRequests();
      const { status: got, body, correlationId } = await call(path, options);
      expect({ got, code: body.code }).toEqual({ got: status, code });
      expect(body.reasons?.length).toBeGreaterThan(0);
      expect(body.policyVersion).toEqual(expect.any(String));
      expect((await rig.sim.control.requests()).filter((entry) => entry.target !== 'maskinporten')).toEqual([]);
      const { rows } = await sql('SELECT decision, reason_code, reasons FROM audit_events WHERE correlation_id = $1', [
        correlationId,
      ]);
      expect(rows).toEqual([{ decision: 'deny', reason_code: code, reasons: body.reasons }]);
    },
  );

  it('refuses an organisation that is not a tenant (403 tenant-unknown) without writing an audit event for it: no tenant, no tenant log', async () => {
    const { status, body, correlationId } = await call(inntekt(ORG.unknown));
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
    await notifyPolicyChange(rig.db, ORG.active);
    await untilCode(inntekt(ORG.active), 'tenant-suspended');
    await sql(`UPDATE tenant_suspensions SET lifted_at = now() WHERE tenant_orgnr = $1`, [ORG.active]);
    await notifyPolicyChange(rig.db, ORG.active);
    expect((await untilCode(inntekt(ORG.active), undefined)).status).toBe(200);
  });

  it('applies the operator-set rate per tenant (429 rate-limit-exceeded with Retry-After)', async () => {
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await call(inntekt(ORG.rateLimited)));
    expect(results.map((result) => result.status)).toEqual([200, 200, 429]);
    expect(results[2].body.code).toBe('rate-limit-exceeded');
    expect(Number(results[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
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
      const { status, body } = await call(`/api/v1/${ORG.inntektSuspended}/status`, { as: ORG.active });
      expect(status).toBe(403);
      expect(body.code).toBe('tenant-mismatch');
    });
  });

  it('fails closed for a tenant whose change could not be loaded (503), and recovers once it can', async () => {
    await owner.query('ALTER TABLE tenant_suppliers RENAME TO tenant_suppliers_away');
    try {
      await notifyPolicyChange(rig.db, ORG.active);
      const refused = await untilCode(inntekt(ORG.active), 'policy-state-unavailable');
      expect(refused.status).toBe(503);
      expect((await call(skattegrunnlag(ORG.skattegrunnlagOnly, '2025'))).status).toBe(200); // other tenants are unaffected
    } finally {
      await owner.query('ALTER TABLE tenant_suppliers_away RENAME TO tenant_suppliers');
    }
    // The reload is retried every second.
    expect((await untilCode(inntekt(ORG.active), undefined)).status).toBe(200);
  });

  it('refuses a declaration signed under terms that now require re-signing', async () => {
    // Terms are every tenant's: the new version is taken away again, whatever runs after this test.
    const terms = await rig.given.termsVersion('2026.2', { requiresResign: true });
    try {
      const { status } = await untilCode(inntekt(ORG.active), 'terms-not-signed');
      expect(status).toBe(403);
    } finally {
      await terms.remove();
    }
    expect((await untilCode(inntekt(ORG.active), undefined)).status).toBe(200);
  });
});
