import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditWriter, type AuditEventInput } from '#audit';
import { type AdminClient, type OnboardingRig, startRig } from '../onboarding/support.js';

const A = '974760673';
const B = '971526920';

const call = (tenant: string, occurredAt: string, overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  occurredAt: new Date(occurredAt),
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent-inntekter',
  legalBasis: 'vegtrafikkloven-38',
  purpose: 'innkreving-kommunale-krav',
  decision: 'allow',
  httpStatus: 200,
  ...overrides,
});

/** GET /admin/v1/statistics, answered from the rollup the sealer keeps as it seals events. */
describe('usage statistics', () => {
  let rig: OnboardingRig;
  let viewer: AdminClient;

  beforeAll(async () => {
    rig = await startRig();
    viewer = await rig.as('viewer');
    const writer = rig.admin.get(AuditWriter);
    const events = [
      call(A, '2026-03-01T10:15:00Z'),
      call(A, '2026-03-01T10:45:00Z'),
      call(A, '2026-03-01T11:05:00Z', { decision: 'deny', reasonCode: 'subject-blocked', httpStatus: 403 }),
      call(A, '2026-03-02T09:00:00Z', { operation: 'summertskattegrunnlag.hent-skattegrunnlag' }),
      call(B, '2026-03-01T10:30:00Z', { decision: 'deny', reasonCode: 'terms-not-signed', httpStatus: 403 }),
      call(B, '2026-04-03T08:00:00Z'),
      // Not a gateway call: not counted.
      { ...call(A, '2026-03-01T10:20:00Z'), kind: 'operator-action' as const, operation: 'tenant.update' },
    ];
    for (const event of events) await writer.record(event);
  });

  afterAll(() => rig?.close());

  const seal = async () => (await rig.as('auditor')).post('/admin/v1/audit/seal').expect(200);
  const statistics = async (query: string) => (await viewer.get(`/admin/v1/statistics?${query}`).expect(200)).body;

  it('counts an event only once it is sealed, and then exactly once', async () => {
    const range = 'granularity=month&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z';
    expect((await statistics(range)).rows).toEqual([]);
    await seal();
    await seal();
    expect((await statistics(range)).rows).toEqual([
      { period: '2026-03', decision: 'allow', calls: 3 },
      { period: '2026-03', decision: 'deny', calls: 2 },
      { period: '2026-04', decision: 'allow', calls: 1 },
    ]);
  });

  it('groups by hour, day or month and by any dimension, for one municipality or all', async () => {
    await seal();
    const hourly = await statistics(
      `granularity=hour&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&tenant=${A}&by=api,reasonCode`,
    );
    expect(hourly).toMatchObject({ granularity: 'hour', by: ['api', 'reasonCode'] });
    expect(hourly.rows).toEqual([
      { period: '2026-03-01T10:00:00Z', api: 'inntekt', reasonCode: '', calls: 2 },
      { period: '2026-03-01T11:00:00Z', api: 'inntekt', reasonCode: 'subject-blocked', calls: 1 },
    ]);
    const daily = await statistics('granularity=day&from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&by=tenant,api');
    expect(daily.rows).toEqual([
      { period: '2026-03-01', tenant: B, api: 'inntekt', calls: 1 },
      { period: '2026-03-01', tenant: A, api: 'inntekt', calls: 3 },
      { period: '2026-03-02', tenant: A, api: 'summertskattegrunnlag', calls: 1 },
    ]);
    const byApi = await statistics(
      'granularity=month&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&api=summertskattegrunnlag&by=legalBasis',
    );
    expect(byApi.rows).toEqual([{ period: '2026-03', legalBasis: 'vegtrafikkloven-38', calls: 1 }]);
  });

  it('refuses bad filters and over-long ranges with a problem, for every role but none', async () => {
    for (const query of ['granularity=week', 'by=subject', 'tenant=12', 'api=other', 'from=yesterday']) {
      expect((await viewer.get(`/admin/v1/statistics?${query}`).expect(400)).body.code).toBe('invalid-request');
    }
    const tooLong = await viewer
      .get('/admin/v1/statistics?granularity=hour&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z')
      .expect(400);
    expect(tooLong.body.code).toBe('statistics-range-too-large');
    expect(
      (await viewer.get('/admin/v1/statistics?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z').expect(400)).body
        .code,
    ).toBe('invalid-request');
    await (await rig.as()).get('/admin/v1/statistics').expect(403);
  });
});
