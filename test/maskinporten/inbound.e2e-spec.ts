import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeProtectedHeader, generateKeyPair, type JWK, SignJWT } from 'jose';
import { createGatewayApp } from '#gateway';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const KOMMUNE = '974760673';
const VENDOR = '920204368';
const PLATFORM_SCOPE = 'delingsmegler:api';
const PATH = `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`;
const actor = (ID: string, authority = 'iso6523-actorid-upis') => ({ authority, ID });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('inbound Maskinporten tokens at the gateway', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let app: NestFastifyApplication;
  let gateway: string;
  let valid: string;
  let simJwk: JWK;

  const mint = (
    request: {
      scope?: string;
      consumerOrg?: string;
      supplierOrg?: string;
      expiresIn?: number;
      claims?: Record<string, unknown>;
    } = {},
  ) => sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE, ...request });
  const call = (authorization?: string) =>
    fetch(`${gateway}${PATH}`, { headers: authorization === undefined ? {} : { authorization } });

  beforeAll(async () => {
    sim = await startSimulator();
    context = await createTestContext({
      MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
      MASKINPORTEN_INBOUND_JWKS_COOLDOWN_SECONDS: '0',
    });
    app = await createGatewayApp(context.config);
    gateway = await listen(app);
    valid = await mint();
    const { kid } = decodeProtectedHeader(valid);
    const jwks = (await (await fetch(`${sim.url}/maskinporten/jwk`)).json()) as { keys: JWK[] };
    simJwk = jwks.keys.find((key) => key.kid === kid) as JWK;
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await context?.close();
  });

  type Case = [string, () => Promise<string | undefined>, string];
  const cases: Case[] = [
    ['no Authorization header', async () => undefined, 'token-missing'],
    ['a Basic credential', async () => 'Basic dXNlcjpwYXNz', 'token-missing'],
    ['garbage after Bearer', async () => 'Bearer not-a-jwt', 'token-malformed'],
    ['two JWS parts', async () => `Bearer ${valid.split('.').slice(0, 2).join('.')}`, 'token-malformed'],
    ['an expired token', async () => `Bearer ${await mint({ expiresIn: -300 })}`, 'token-expired'],
    [
      'a token not yet valid',
      async () => `Bearer ${await mint({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } })}`,
      'token-not-yet-valid',
    ],
    [
      'a token issued in the future',
      async () => `Bearer ${await mint({ claims: { iat: Math.floor(Date.now() / 1000) + 3600 } })}`,
      'token-not-yet-valid',
    ],
    [
      'a wrong issuer',
      async () => `Bearer ${await mint({ claims: { iss: 'https://maskinporten.no/' } })}`,
      'token-issuer-invalid',
    ],
    [
      'a token without the platform scope',
      async () => `Bearer ${await mint({ scope: 'skatteetaten:summertskattegrunnlag' })}`,
      'token-scope-missing',
    ],
    [
      'a scope that only starts like the platform scope',
      async () => `Bearer ${await mint({ scope: `${PLATFORM_SCOPE}x other:scope` })}`,
      'token-scope-missing',
    ],
    [
      'alg none',
      async () => {
        const [, payload] = valid.split('.');
        return `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      },
      'token-algorithm-not-allowed',
    ],
    [
      'HS256 signed with the public key as the secret',
      async () => {
        const pem = createPublicKey({ key: simJwk as import('node:crypto').JsonWebKey, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        const payload = decodePart(valid.split('.')[1]);
        return `Bearer ${await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: simJwk.kid }).sign(new TextEncoder().encode(pem))}`;
      },
      'token-algorithm-not-allowed',
    ],
    [
      'an unknown kid (signed by a foreign key)',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return `Bearer ${await new SignJWT(decodePart(valid.split('.')[1])).setProtectedHeader({ alg: 'RS256', kid: 'foreign-key' }).sign(privateKey)}`;
      },
      'token-signature-invalid',
    ],
    [
      "a foreign key claiming the simulator's kid",
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return `Bearer ${await new SignJWT(decodePart(valid.split('.')[1])).setProtectedHeader({ alg: 'RS256', kid: simJwk.kid }).sign(privateKey)}`;
      },
      'token-signature-invalid',
    ],
    [
      'a tampered payload (another consumer)',
      async () => {
        const [header, payload, signature] = valid.split('.');
        const changed = { ...decodePart(payload), consumer: actor('0192:910753614') };
        return `Bearer ${header}.${b64url(changed)}.${signature}`;
      },
      'token-signature-invalid',
    ],
    [
      'a consumer that is a plain string',
      async () => `Bearer ${await mint({ claims: { consumer: `0192:${KOMMUNE}` } })}`,
      'token-consumer-invalid',
    ],
    [
      'a consumer with an invalid orgnr',
      async () => `Bearer ${await mint({ claims: { consumer: actor('0192:974760674') } })}`,
      'token-consumer-invalid',
    ],
    [
      'a consumer with another authority',
      async () =>
        `Bearer ${await mint({ claims: { consumer: actor(`0192:${KOMMUNE}`, 'urn:oasis:names:tc:ebcore:partyid-type:iso6523') } })}`,
      'token-consumer-invalid',
    ],
    [
      'a consumer with another ICD',
      async () => `Bearer ${await mint({ claims: { consumer: actor(`0088:${KOMMUNE}`) } })}`,
      'token-consumer-invalid',
    ],
    [
      'a token without consumer',
      async () => `Bearer ${await mint({ claims: { consumer: null } })}`,
      'token-consumer-invalid',
    ],
    [
      'a system-user token',
      async () =>
        `Bearer ${await mint({ claims: { authorization_details: [{ type: 'urn:altinn:systemuser', systemuser_org: actor(`0192:${KOMMUNE}`), systemuser_id: ['a'], system_id: 'vendor_system' }] } })}`,
      'token-system-user-not-supported',
    ],
    [
      'a supplier with an invalid orgnr',
      async () => `Bearer ${await mint({ claims: { supplier: actor('0192:123456789') } })}`,
      'token-supplier-invalid',
    ],
  ];

  it.each(cases)('refuses %s with 401 and its own code, reaching no upstream', async (_what, authorization, code) => {
    const response = await call(await authorization());
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    if (code !== 'token-missing') expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 401, code });
    expect(JSON.stringify(body)).not.toContain('01029413157');
    const upstream = (await sim.control.requests()).filter((entry) => entry.target !== 'maskinporten');
    expect(upstream).toEqual([]);
  });

  it('has at least 15 distinct bad tokens', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it('lets a valid token through the guard (plain and from a vendor acting for the municipality), also a second time from the cache', async () => {
    const delegated = await mint({ supplierOrg: VENDOR });
    for (const token of [valid, valid, delegated]) {
      const response = await call(`Bearer ${token}`);
      expect(response.status).not.toBe(401);
      expect(response.headers.get('www-authenticate')).toBeNull();
    }
    const metrics = await (await fetch(`${gateway}/metrics`)).text();
    expect(metrics).toMatch(/^maskinporten_inbound_cache_hits_total [1-9]/m);
  });

  it("refuses a token of one municipality on another municipality's path, and an invalid orgnr", async () => {
    const other = await fetch(
      `${gateway}/api/v1/971526920/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01`,
      { headers: { authorization: `Bearer ${valid}` } },
    );
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'tenant-mismatch' });
    const vendorForOther = await fetch(`${gateway}/api/v1/971526920/inntekt/v1/x`, {
      headers: { authorization: `Bearer ${await mint({ supplierOrg: VENDOR })}` },
    });
    expect(vendorForOther.status).toBe(403);
    const invalid = await fetch(`${gateway}/api/v1/974760674/inntekt/v1/x`, {
      headers: { authorization: `Bearer ${valid}` },
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'invalid-orgnr' });
    expect((await sim.control.requests()).filter((entry) => entry.target !== 'maskinporten')).toEqual([]);
  });

  it('accepts a token signed with a rotated key (unknown kid triggers a JWKS refetch)', async () => {
    await sim.control.rotateMaskinportenKeys();
    const response = await call(`Bearer ${await mint()}`);
    expect(response.status).not.toBe(401);
  });
});
