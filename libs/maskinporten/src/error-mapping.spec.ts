import { describe, expect, it } from '@jest/globals';
import { parseActor } from './inbound/inbound-verifier.js';
import { mapError } from './token-client.js';

describe('mapError (reference §3)', () => {
  it.each([
    [
      403,
      {
        error: 'forbidden',
        error_description: 'Consumer 958935420 has not delegated access to the scope s to supplier 920204368.',
        error_uri: 'https://x/errors/MP-251',
      },
      'delegation-missing',
    ],
    [
      403,
      {
        error: 'forbidden',
        error_description:
          'Consumer 958935420 has not delegated access to the scope s to supplier 920204368. (correlation id: 1)',
      },
      'delegation-missing',
    ],
    [
      403,
      {
        error: 'forbidden',
        error_description: 'Consumer has not been granted access to the scope s',
        error_uri: 'https://x/errors/MP-250',
      },
      'scope-not-granted',
    ],
    [
      400,
      {
        error: 'invalid_scope',
        error_description: 'Token request contains invalid scopes for client, s',
        error_uri: 'https://x/errors/MP-200',
      },
      'maskinporten-misconfigured',
    ],
    [
      400,
      {
        error: 'invalid_grant',
        error_description: 'Invalid assertion. Client authentication failed. Expired key.',
        error_uri: 'https://x/errors/MP-121',
      },
      'maskinporten-misconfigured',
    ],
    [400, {}, 'maskinporten-misconfigured'],
  ])('maps %i %j to %s', (status, body, code) => {
    expect(mapError(status, body).code).toBe(code);
  });
});

describe('parseActor', () => {
  it('accepts exactly {authority: iso6523-actorid-upis, ID: 0192:<valid orgnr>}', () => {
    expect(parseActor({ authority: 'iso6523-actorid-upis', ID: '0192:974760673' })).toBe('974760673');
  });

  it.each([
    ['a string', '0192:974760673'],
    ['an array', [{ authority: 'iso6523-actorid-upis', ID: '0192:974760673' }]],
    ['another authority', { authority: 'other', ID: '0192:974760673' }],
    ['another ICD', { authority: 'iso6523-actorid-upis', ID: '0088:974760673' }],
    ['a bad check digit', { authority: 'iso6523-actorid-upis', ID: '0192:974760674' }],
    ['eight digits', { authority: 'iso6523-actorid-upis', ID: '0192:97476067' }],
    ['an extra member', { authority: 'iso6523-actorid-upis', ID: '0192:974760673', name: 'x' }],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(parseActor(value)).toBeUndefined();
  });
});
