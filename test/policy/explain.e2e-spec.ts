import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type OnboardingRig, startRig } from '../onboarding/support.js';
import { seedActiveTenant } from '../support/tenants.js';

const ACTIVE = '974760673';
const UNKNOWN = '964338531';

describe('GET /admin/v1/policy/explain', () => {
  let rig: OnboardingRig;

  beforeAll(async () => {
    rig = await startRig();
    await seedActiveTenant(rig.context.config.database.url, ACTIVE, { legalBases: ['vegtrafikkloven-38'] });
  });

  afterAll(async () => rig?.close());

  const explain = async (query: Record<string, string>) =>
    (await rig.as('viewer')).get(`/admin/v1/policy/explain?${new URLSearchParams(query).toString()}`);

  it('explains an allowed decision with the operation basis and the claim statute', async () => {
    const response = await explain({
      orgnr: ACTIVE,
      operation: 'inntekt.hent-inntekter',
      legalBasis: 'vegtrafikkloven-38',
      purpose: 'innkreving-kommunale-krav',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      allow: true,
      code: 'allowed',
      status: 200,
      legalBasis: { code: 'vegtrafikkloven-38' },
    });
    expect(response.body.operationBasis.join(' ')).toContain('5-7');
  });

  it.each([
    [
      {
        orgnr: UNKNOWN,
        operation: 'inntekt.hent-inntekter',
        legalBasis: 'vegtrafikkloven-38',
        purpose: 'innkreving-kommunale-krav',
      },
      'tenant-unknown',
      403,
    ],
    [
      {
        orgnr: ACTIVE,
        operation: 'inntekt.hent-inntekter',
        legalBasis: 'forurensningsloven-34',
        purpose: 'innkreving-kommunale-krav',
      },
      'legal-basis-not-registered',
      403,
    ],
    [
      {
        orgnr: ACTIVE,
        operation: 'inntekt.hent-inntekter',
        legalBasis: 'vegtrafikkloven-38',
        purpose: 'markedsføring',
      },
      'purpose-not-allowed',
      403,
    ],
    [
      { orgnr: ACTIVE, operation: 'inntekt.hent-inntekter', purpose: 'innkreving-kommunale-krav' },
      'legal-basis-missing',
      400,
    ],
    [
      {
        orgnr: ACTIVE,
        operation: 'inntekt.hent-inntekter',
        legalBasis: 'vegtrafikkloven-38',
        purpose: 'innkreving-kommunale-krav',
        supplier: '920204368',
      },
      'supplier-not-registered',
      403,
    ],
  ])('explains a refusal: %p → %s', async (query, code, status) => {
    const response = await explain(query);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ allow: false, code, status });
    expect(response.body.reasons.length).toBeGreaterThan(0);
  });

  it('answers 404 for an operation outside the catalogue and 400 for a malformed orgnr', async () => {
    const unknown = await explain({ orgnr: ACTIVE, operation: 'folkeregister.hent-person' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('operation-not-in-catalogue');
    const malformed = await explain({ orgnr: '12', operation: 'inntekt.hent-inntekter' });
    expect(malformed.status).toBe(400);
  });

  it('requires an operator token', async () => {
    const response = await fetch(
      `${rig.adminUrl}/admin/v1/policy/explain?orgnr=${ACTIVE}&operation=inntekt.hent-inntekter`,
    );
    expect(response.status).toBe(401);
  });
});
