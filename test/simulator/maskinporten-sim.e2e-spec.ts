import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  compactVerify,
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CLIENT_ID = 'platform-client';
const CLIENT_ORG = '991825827';
const OWN_SCOPE = 'skatteetaten:summertskattegrunnlag';
const DELEGATED_SCOPE = 'skatteetaten:inntekt';
const CONSUMER = '910753614'; // granted the scope and delegated it to the client org
const NOT_DELEGATED = '958935420'; // granted, but no delegation
const NOT_GRANTED = '974760673';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface GrantSpec {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  omit?: string[];
  key?: Key | Uint8Array;
  alg?: string;
}

describe('Maskinporten simulator', () => {
  let sim: SimulatorHandle;
  let clientKey: Key;
  let otherKey: Key;
  let expiredKey: Key;
  const kid = 'client-key-1';

  beforeAll(async () => {
    sim = await startSimulator();
    ({ privateKey: clientKey } = await generateKeyPair('RS256', { extractable: true }).then(async (pair) => {
      const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
      await sim.control.registerClient({
        clientId: CLIENT_ID,
        orgnr: CLIENT_ORG,
        jwks: { keys: [jwk] },
        scopes: [OWN_SCOPE],
      });
      return pair;
    }));
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    const expired = await generateKeyPair('RS256');
    expiredKey = expired.privateKey;
    const expiredJwk = {
      ...(await exportJWK(expired.publicKey)),
      kid: 'expired-key',
      exp: Math.floor(Date.now() / 1000) - 60,
    };
    await sim.control.registerClient({
      clientId: 'expired-client',
      orgnr: '889640782',
      jwks: { keys: [expiredJwk] },
      scopes: [OWN_SCOPE],
    });
    for (const orgnr of [CONSUMER, NOT_DELEGATED]) await sim.control.grantScope(orgnr, DELEGATED_SCOPE);
    await sim.control.delegate({ consumerOrg: CONSUMER, supplierOrg: CLIENT_ORG, scope: DELEGATED_SCOPE });
  });

  afterAll(async () => {
    await sim?.close();
  });

  async function grant(spec: GrantSpec = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: sim.maskinportenIssuer,
      iss: CLIENT_ID,
      scope: OWN_SCOPE,
      iat: now,
      exp: now + 60,
      jti: randomUUID(),
      ...spec.claims,
    };
    for (const name of spec.omit ?? []) delete claims[name];
    const header = { alg: spec.alg ?? 'RS256', kid, ...spec.header };
    for (const [name, value] of Object.entries(header))
      if (value === undefined) delete header[name as keyof typeof header];
    return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(spec.key ?? clientKey);
  }

  async function requestToken(
    assertion: string,
    grantType = JWT_BEARER,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${sim.url}/maskinporten/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: grantType, assertion }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function jwks() {
    return createRemoteJWKSet(new URL(`${sim.url}/maskinporten/jwk`));
  }

  it('publishes RFC 8414 metadata and its signing keys', async () => {
    const meta = (await (
      await fetch(`${sim.url}/maskinporten/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(meta).toEqual({
      issuer: `${sim.url}/maskinporten/`,
      token_endpoint: `${sim.url}/maskinporten/token`,
      jwks_uri: `${sim.url}/maskinporten/jwk`,
      grant_types_supported: [JWT_BEARER],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
      authorization_details_types_supported: ['urn:altinn:systemuser', 'urn:altinn:consent'],
    });
    const keys = (await (await fetch(`${sim.url}/maskinporten/jwk`)).json()) as { keys: JWK[] };
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(keys.keys[0]).not.toHaveProperty('d');
    expect(await sim.control.call('GET', '/_sim/clients')).toEqual(
      expect.arrayContaining([{ clientId: CLIENT_ID, orgnr: CLIENT_ORG, scopes: [OWN_SCOPE] }]),
    );
  });

  it('issues a plain token whose claims verify against the metadata JWKS', async () => {
    const { status, body } = await requestToken(await grant());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: OWN_SCOPE });
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks(), {
      issuer: sim.maskinportenIssuer,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({
      client_id: CLIENT_ID,
      scope: OWN_SCOPE,
      token_type: 'Bearer',
      aud: 'unspecified',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${CLIENT_ORG}` },
    });
    expect(payload).not.toHaveProperty('supplier');
    expect(payload).not.toHaveProperty('delegation_source');
    expect(payload.exp! - payload.iat!).toBe(120);
  });

  it('issues a delegated token for a scope the client reaches only through delegation', async () => {
    const { status, body } = await requestToken(
      await grant({ claims: { scope: DELEGATED_SCOPE, consumer_org: CONSUMER, resource: 'https://api.example/' } }),
    );
    expect(status).toBe(200);
    const { payload } = await jwtVerify(body.access_token as string, jwks(), { issuer: sim.maskinportenIssuer });
    expect(payload).toMatchObject({
      scope: DELEGATED_SCOPE,
      aud: 'https://api.example/',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER}` },
      supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${CLIENT_ORG}` },
      delegation_source: expect.any(String),
    });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: Array<[string, () => Promise<string>, number, string, string | undefined, RegExp?]> = [
    ['an unknown client', () => grant({ claims: { iss: 'nobody' } }), 400, 'invalid_grant', 'MP-100'],
    ['a wrong aud', () => grant({ claims: { aud: 'https://maskinporten.no/' } }), 400, 'invalid_grant', 'MP-110'],
    [
      'the token endpoint as aud',
      () => grant({ claims: { aud: `${sim.url}/maskinporten/token` } }),
      400,
      'invalid_grant',
      'MP-110',
    ],
    [
      'an unknown kid',
      () => grant({ header: { kid: 'unknown' } }),
      400,
      'invalid_grant',
      'MP-124',
      /Unknown key identifier/,
    ],
    [
      'no kid and no x5c',
      () => grant({ header: { kid: undefined } }),
      400,
      'invalid_grant',
      'MP-123',
      /no key identifier/,
    ],
    ['both kid and x5c', () => grant({ header: { x5c: ['AAAA'] } }), 400, 'invalid_grant', 'MP-123'],
    ['x5c as a plain string', () => grant({ header: { kid: undefined, x5c: 'AAAA' } }), 400, 'invalid_grant', 'MP-123'],
    [
      'HS256',
      () => grant({ alg: 'HS256', key: new TextEncoder().encode('a-shared-secret-of-32-bytes-long!') }),
      400,
      'invalid_grant',
      'MP-124',
    ],
    ['alg none', async () => unsigned(await grant()), 400, 'invalid_grant', 'MP-124'],
    [
      'a signature by another key',
      () => grant({ key: otherKey }),
      400,
      'invalid_grant',
      'MP-124',
      /Invalid JWT signature/,
    ],
    [
      'iat 30 s in the past',
      () => grant({ claims: { iat: now() - 30, exp: now() + 30 } }),
      400,
      'invalid_grant',
      'MP-130',
    ],
    [
      'iat 30 s in the future',
      () => grant({ claims: { iat: now() + 30, exp: now() + 60 } }),
      400,
      'invalid_grant',
      'MP-130',
    ],
    ['exp - iat of 121 s', () => grant({ claims: { iat: now(), exp: now() + 121 } }), 400, 'invalid_grant', 'MP-130'],
    [
      'an expired grant',
      () => grant({ claims: { iat: now() - 5, exp: now() - 1 } }),
      400,
      'invalid_grant',
      'MP-130',
      /expired/,
    ],
    [
      'an extra claim sub',
      () => grant({ claims: { sub: CLIENT_ID } }),
      400,
      'invalid_request',
      'MP-011',
      /Invalid assertion/,
    ],
    [
      'an extra claim foo',
      () => grant({ claims: { foo: 'bar' } }),
      400,
      'invalid_request',
      'MP-011',
      /Invalid assertion/,
    ],
    ['a missing jti', () => grant({ omit: ['jti'] }), 400, 'invalid_request', 'MP-011'],
    [
      'a scope not on the client',
      () => grant({ claims: { scope: 'other:scope' } }),
      400,
      'invalid_scope',
      'MP-200',
      /other:scope/,
    ],
    [
      'an invalid consumer_org',
      () => grant({ claims: { scope: DELEGATED_SCOPE, consumer_org: '123456789' } }),
      400,
      'invalid_request',
      'MP-011',
    ],
    [
      'consumer_org equal to its own org',
      () => grant({ claims: { consumer_org: CLIENT_ORG } }),
      400,
      'invalid_request',
      'MP-011',
      /combination consumer_org/,
    ],
    [
      'a consumer without access to the scope',
      () => grant({ claims: { scope: DELEGATED_SCOPE, consumer_org: NOT_GRANTED } }),
      403,
      'forbidden',
      'MP-250',
      new RegExp(`^Consumer has not been granted access to the scope ${DELEGATED_SCOPE}`),
    ],
    [
      'a consumer that has not delegated',
      () => grant({ claims: { scope: DELEGATED_SCOPE, consumer_org: NOT_DELEGATED } }),
      403,
      'forbidden',
      'MP-251',
      new RegExp(
        `^Consumer ${NOT_DELEGATED} has not delegated access to the scope ${DELEGATED_SCOPE} to supplier ${CLIENT_ORG}`,
      ),
    ],
    [
      'an expired registered key',
      () => grant({ claims: { iss: 'expired-client' }, header: { kid: 'expired-key' }, key: expiredKey }),
      400,
      'invalid_grant',
      'MP-121',
      /Expired key/,
    ],
  ];

  it.each(
    refusals.map(([name, build, status, error, mpCode, description]) => ({
      name,
      build,
      status,
      error,
      mpCode,
      description,
    })),
  )('refuses $name', async ({ build, status, error, mpCode, description }) => {
    const { status: answered, body } = await requestToken(await build());
    expect(answered).toBe(status);
    expect(body.error).toBe(error);
    expect(body.error_uri).toBe(`${sim.url}/errors/${mpCode}`);
    if (description) expect(body.error_description).toMatch(description);
  });

  it('refuses a reused jti (MP-012) and a wrong grant_type', async () => {
    const assertion = await grant();
    expect((await requestToken(assertion)).status).toBe(200);
    const reused = await requestToken(assertion);
    expect(reused).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_uri: `${sim.url}/errors/MP-012` },
    });
    expect(await requestToken(await grant(), 'client_credentials')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    const junk = await fetch(`${sim.url}/maskinporten/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(junk.status).toBe(400);
  });

  it('refuses a delegated grant once the delegation is revoked', async () => {
    const scope = 'skatteetaten:revoked';
    await sim.control.grantScope(CONSUMER, scope);
    await sim.control.delegate({ consumerOrg: CONSUMER, supplierOrg: CLIENT_ORG, scope });
    expect((await requestToken(await grant({ claims: { scope, consumer_org: CONSUMER } }))).status).toBe(200);
    await sim.control.revokeDelegation({ consumerOrg: CONSUMER, supplierOrg: CLIENT_ORG, scope });
    const { status, body } = await requestToken(await grant({ claims: { scope, consumer_org: CONSUMER } }));
    expect(status).toBe(403);
    expect(body.error_uri).toBe(`${sim.url}/errors/MP-251`);
  });

  it('logs token requests with the grant claims and the status answered', async () => {
    const jti = randomUUID();
    await requestToken(await grant({ claims: { jti, scope: 'other:scope' } }));
    const logged = await sim.control.requests('maskinporten');
    expect(logged.find((entry) => (entry.tokenClaims as { jti?: string } | undefined)?.jti === jti)).toMatchObject({
      target: 'maskinporten',
      method: 'POST',
      status: 400,
    });
  });

  it('keeps tokens signed before a key rotation verifiable', async () => {
    const before = (await requestToken(await grant())).body.access_token as string;
    await sim.control.rotateMaskinportenKeys();
    const after = (await requestToken(await grant())).body.access_token as string;
    const remote = jwks();
    const old = await jwtVerify(before, remote);
    const fresh = await jwtVerify(after, remote);
    expect(fresh.protectedHeader.kid).not.toBe(old.protectedHeader.kid);
  });

  it('mints municipality tokens with extra claims and negative lifetimes, and validates the body', async () => {
    const token = await sim.control.mintToken({
      consumerOrg: CONSUMER,
      supplierOrg: CLIENT_ORG,
      scope: 'delingsmegler:api',
      claims: { nbf: 4102444800 },
    });
    // Signature only: nbf lies in the future on purpose.
    await compactVerify(token, jwks());
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      scope: 'delingsmegler:api',
      nbf: 4102444800,
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER}` },
      supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${CLIENT_ORG}` },
    });
    const plain = await sim.control.mintToken({ consumerOrg: CONSUMER, scope: 'delingsmegler:api' });
    const verified = await jwtVerify(plain, jwks(), { issuer: sim.maskinportenIssuer });
    expect(verified.payload).not.toHaveProperty('supplier');
    const expired = await sim.control.mintToken({ consumerOrg: CONSUMER, scope: 'delingsmegler:api', expiresIn: -60 });
    await expect(jwtVerify(expired, jwks())).rejects.toThrow(/exp/);
    await expect(sim.control.mintToken({ consumerOrg: '123456789', scope: 'delingsmegler:api' })).rejects.toThrow(
      /400/,
    );
    await expect(
      sim.control.registerClient({ clientId: 'x', orgnr: '123456789', jwks: { keys: [] }, scopes: [] }),
    ).rejects.toThrow(/400/);
    await expect(
      sim.control.registerClient({
        clientId: 'x',
        orgnr: CLIENT_ORG,
        jwks: { keys: [{ kty: 'oct', k: 'abc' }] },
        scopes: [],
      }),
    ).rejects.toThrow(/400/);
    await expect(sim.control.grantScope('12345678', 'a:b')).rejects.toThrow(/400/);
  });

  it('issues verifiable operator tokens from its identity provider', async () => {
    const config = (await (await fetch(`${sim.url}/idp/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(config).toMatchObject({ issuer: `${sim.url}/idp`, jwks_uri: `${sim.url}/idp/jwks` });
    const token = await sim.control.mintOperatorToken({ sub: 'ops-1', roles: ['operator', 'auditor'] });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(config.jwks_uri)), {
      issuer: config.issuer,
      audience: 'delingsmegler-admin',
    });
    expect(payload).toMatchObject({ sub: 'ops-1', roles: ['operator', 'auditor'], jti: expect.any(String) });
    await expect(sim.control.mintOperatorToken({ sub: '', roles: [] })).rejects.toThrow(/400/);
  });

  it('answers injected maskinporten faults: status with its MP code, latency, reset', async () => {
    await sim.control.addFault({ target: 'maskinporten', mode: 'status', status: 403, kode: 'MP-250', count: 1 });
    const faulted = await requestToken(await grant());
    expect(faulted).toMatchObject({ status: 403, body: { error: 'forbidden', error_uri: `${sim.url}/errors/MP-250` } });
    expect((await requestToken(await grant())).status).toBe(200);

    await sim.control.addFault({ target: 'maskinporten', mode: 'latency', ms: 150, count: 1 });
    const started = Date.now();
    expect((await requestToken(await grant())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await sim.control.addFault({ target: 'maskinporten', mode: 'reset', count: 1 });
    await expect(requestToken(await grant())).rejects.toThrow();
    expect((await requestToken(await grant())).status).toBe(200);
  });
});

/** The same grant re-encoded with alg none and no signature. */
function unsigned(jwt: string): string {
  const [, payload] = jwt.split('.');
  return `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'client-key-1' })).toString('base64url')}.${payload}.`;
}
