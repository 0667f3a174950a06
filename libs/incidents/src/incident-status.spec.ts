import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, canTransition, INCIDENT_STATUSES } from './incident-status.js';

describe('incident status machine', () => {
  it.each([
    ['open', ['mitigating']],
    ['mitigating', ['resolved']],
    ['resolved', ['closed']],
    ['closed', []],
  ] as const)('from %s allows %p', (from, next) => {
    expect(allowedTransitions(from)).toEqual(next);
  });

  it('refuses every other pair, including skipping a step and going back', () => {
    const allowed = INCIDENT_STATUSES.flatMap((from) =>
      INCIDENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual(['open>mitigating', 'mitigating>resolved', 'resolved>closed']);
  });
});
