import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { checkActionFields } from './action-fields.js';
import type { IncidentActionDto } from './incident-action.dto.js';
import { NO_PERSONIDENTIFIKATOR } from './free-text.js';

const refusal = (body: Partial<IncidentActionDto>): DomainError => {
  try {
    checkActionFields(body as IncidentActionDto);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('incident action fields', () => {
  it.each<Partial<IncidentActionDto>>([
    { type: 'suspend-tenant', tenant: '974760673', reason: 'x' },
    { type: 'suspend-tenant', tenant: '974760673', reason: 'x', apis: ['inntekt'] },
    { type: 'revoke-supplier', tenant: '974760673', supplier: '910753614', reason: 'x' },
    { type: 'block-subject', personidentifikator: '01029413157', reason: 'x' },
    { type: 'unblock-subject', blockId: 'b' },
    { type: 'flush-tokens', tenant: '974760673' },
    { type: 'pause-api', api: 'inntekt', reason: 'x' },
    { type: 'resume-api', api: 'inntekt' },
  ])('accepts %p', (body) => {
    expect(checkActionFields(body as IncidentActionDto)).toBe(body);
  });

  it('names the missing and the unexpected fields', () => {
    const error = refusal({ type: 'revoke-supplier', tenant: '974760673', api: 'inntekt' });
    expect(error.code).toBe('invalid-request');
    expect(error.extensions).toMatchObject({ missing: ['supplier', 'reason'], unexpected: ['api'] });
    expect(error.detail).toBe(
      'supplier is required for revoke-supplier; reason is required for revoke-supplier; api is not allowed for revoke-supplier',
    );
  });

  it('keeps personidentifikatorer out of free text', () => {
    expect(NO_PERSONIDENTIFIKATOR.test('Supplier 910753614 leaked a key')).toBe(true);
    expect(NO_PERSONIDENTIFIKATOR.test('Look-ups of\n01029413157 are odd')).toBe(false);
  });
});
