import { describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { buildGrant } from './grant-builder.js';

describe('buildGrant', () => {
  const issuer = 'https://test.maskinporten.no/';
  const now = 1_700_000_000;

  it('signs exactly the documented claims with a kid header', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const grant = await buildGrant(
      { key: privateKey, alg: 'RS256', kid: 'k1' },
      { issuer, clientId: 'client', scopes: ['b:x', 'a:y'], now, lifetimeSeconds: 60 },
    );
    expect(decodeProtectedHeader(grant)).toEqual({ alg: 'RS256', kid: 'k1' });
    const { payload } = await jwtVerify(grant, publicKey, { currentDate: new Date(now * 1000) });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(payload).toMatchObject({ aud: issuer, iss: 'client', scope: 'b:x a:y', iat: now, exp: now + 60 });
  });

  it('adds consumer_org and resource only when given, and uses x5c instead of kid', async () => {
    const { privateKey } = await generateKeyPair('RS512');
    const grant = await buildGrant(
      { key: privateKey, alg: 'RS512', x5c: ['MIIB'] },
      {
        issuer,
        clientId: 'c',
        scopes: ['s'],
        consumerOrg: '974760673',
        resource: 'https://api',
        now,
        lifetimeSeconds: 30,
      },
    );
    expect(decodeProtectedHeader(grant)).toEqual({ alg: 'RS512', x5c: ['MIIB'] });
    expect(decodeJwt(grant)).toMatchObject({ consumer_org: '974760673', resource: 'https://api' });
  });

  it('never lets exp exceed iat + 120 and makes a fresh jti every time', async () => {
    const { privateKey } = await generateKeyPair('RS384');
    const signing = { key: privateKey, alg: 'RS384' as const, kid: 'k' };
    const request = { issuer, clientId: 'c', scopes: ['s'], now, lifetimeSeconds: 500 };
    const [first, second] = [
      decodeJwt(await buildGrant(signing, request)),
      decodeJwt(await buildGrant(signing, request)),
    ];
    expect(first.exp).toBe(now + 120);
    expect(first.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.jti).not.toBe(second.jti);
  });
});
