import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ClientRegistry } from './client-registry.js';
import { GrantValidator, JWT_BEARER } from './grant-validator.js';
import { JtiStore } from './jti-store.js';
import { MaskinportenError } from './maskinporten-error.js';

const ISSUER = 'http://sim.test/maskinporten/';
const NOW = 1_800_000_000;

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const clients = new ClientRegistry();
  clients.register({
    clientId: 'c',
    orgnr: '991825827',
    keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }],
    scopes: ['a:b'],
    tokenLifetime: 120,
  });
  const validator = new GrantValidator(ISSUER, clients, new JtiStore(), () => NOW * 1000);
  const form = async (claims: Record<string, unknown>) => ({
    grant_type: JWT_BEARER,
    assertion: await new SignJWT({ aud: ISSUER, iss: 'c', scope: 'a:b', jti: `${Math.random()}`, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .sign(privateKey),
  });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: MaskinportenError) => error.mpCode,
    );
  return { validator, form, codeOf };
}

describe('GrantValidator clock rules (injected clock)', () => {
  it('accepts iat within ±10 s and exp − iat of exactly 120 s, refuses one second beyond', async () => {
    const { validator, form, codeOf } = await setup();
    expect(await codeOf(validator.validate(await form({ iat: NOW - 10, exp: NOW + 110 })))).toBe('ok');
    expect(await codeOf(validator.validate(await form({ iat: NOW + 10, exp: NOW + 130 })))).toBe('ok');
    expect(await codeOf(validator.validate(await form({ iat: NOW - 11, exp: NOW + 60 })))).toBe('MP-130');
    expect(await codeOf(validator.validate(await form({ iat: NOW + 11, exp: NOW + 60 })))).toBe('MP-130');
    expect(await codeOf(validator.validate(await form({ iat: NOW, exp: NOW + 121 })))).toBe('MP-130');
    expect(await codeOf(validator.validate(await form({ iat: NOW - 5, exp: NOW })))).toBe('MP-130');
  });

  it('refuses a body without grant_type or assertion as invalid_request', async () => {
    const { validator } = await setup();
    await expect(validator.validate(undefined)).rejects.toMatchObject({ status: 400, error: 'invalid_request' });
    await expect(validator.validate({ grant_type: JWT_BEARER, assertion: 'not-a-jwt' })).rejects.toMatchObject({
      status: 400,
      error: 'invalid_request',
      mpCode: 'MP-011',
    });
  });
});
