import { describe, expect, it } from '@jest/globals';

import { BASE_INPUT, buildInput } from './fixtures/base.js';
import { authorize, isPolicyPermit } from './permit.js';

describe('policy permits', () => {
  it('come only with an allowing decision, for its tenant and API', () => {
    const { decision, permit } = authorize(BASE_INPUT);
    expect(decision.allow).toBe(true);
    expect(permit).toMatchObject({
      tenantOrgnr: BASE_INPUT.orgnr,
      api: BASE_INPUT.operation.api,
      policyVersion: decision.policyVersion,
    });
    expect(isPolicyPermit(permit)).toBe(true);
    expect(Object.isFrozen(permit)).toBe(true);
  });

  it('are not issued for a refusal', () => {
    const { decision, permit } = authorize(buildInput({ tenant: { status: 'suspended' } }));
    expect(decision).toMatchObject({ allow: false, code: 'tenant-suspended' });
    expect(permit).toBeUndefined();
  });

  it('cannot be forged by copying or casting', () => {
    const { permit } = authorize(BASE_INPUT);
    expect(isPolicyPermit({ ...permit })).toBe(false);
    expect(isPolicyPermit(Object.freeze({ ...permit }))).toBe(false);
    expect(
      isPolicyPermit({
        tenantOrgnr: BASE_INPUT.orgnr,
        api: 'inntekt',
        operationId: 'x',
        policyVersion: 'v',
        issuedAt: Date.now(),
      }),
    ).toBe(false);
  });
});
