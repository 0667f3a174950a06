import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { type AppConfig, DomainError, loadConfig, SystemClock } from '#core';
import { MaskinportenTokenClient } from '#maskinporten';
import { MetricsRegistry } from '#runtime';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { consistently } from '../support/eventually.js';
import { onboardMunicipality, PLATFORM_ORG, registerPlatformClient, SCOPE } from './support.js';

const KOMMUNE_A = '974760673';
const KOMMUNE_B = '910753614';
const NOT_DELEGATED = '958935420';
const NOT_GRANTED = '920204368';

describe('Maskinporten token client against the simulator', () => {
  let sim: SimulatorHandle;
  let config: AppConfig;
  let cleanup: () => Promise<void>;
  let metrics: MetricsRegistry;
  let client: MaskinportenTokenClient;

  const tokenRequests = async () =>
    (await sim.control.requests('maskinporten')).filter((entry) => entry.method === 'POST');
  const newClient = (env: Record<string, string> = {}) => {
    metrics = new MetricsRegistry();
    return new MaskinportenTokenClient(
      loadConfig({ ...baseEnv, ...env }, { needsDatabase: false }),
      new SystemClock(),
      metrics,
    );
  };
  let baseEnv: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator();
    const registered = await registerPlatformClient(sim.control, { clientId: 'platform-client' });
    cleanup = registered.cleanup;
    baseEnv = {
      APP_ENV: 'test',
      LOG_LEVEL: 'silent',
      MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
      MASKINPORTEN_RETRY_BASE_MS: '10',
      MASKINPORTEN_TIMEOUT_MS: '2000',
      ...registered.env,
    };
    config = loadConfig(baseEnv, { needsDatabase: false });
    for (const orgnr of [KOMMUNE_A, KOMMUNE_B]) await onboardMunicipality(sim.control, orgnr);
    await sim.control.grantScope(NOT_DELEGATED, SCOPE);
  });

  afterAll(async () => {
    await sim?.close();
    await cleanup?.();
  });

  beforeEach(async () => {
    await sim.control.clearRequests();
    await sim.control.clearFaults();
    client = newClient();
  });

  it('gets a plain token with a grant the simulator accepts', async () => {
    const token = await client.getToken({ scopes: [SCOPE] });
    expect(decodeJwt(token.accessToken)).toMatchObject({
      iss: sim.maskinportenIssuer,
      scope: SCOPE,
      client_id: 'platform-client',
    });
    const [request] = await tokenRequests();
    expect(request.status).toBe(200);
    const grant = request.tokenClaims as Record<string, unknown>;
    expect(Object.keys(grant).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(grant).toMatchObject({ aud: config.maskinporten.issuer, iss: 'platform-client' });
    expect((grant.exp as number) - (grant.iat as number)).toBeLessThanOrEqual(120);
  });

  it('gets a delegated token for a municipality: consumer is the municipality, supplier the platform', async () => {
    const token = await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
    expect(decodeJwt(token.accessToken)).toMatchObject({
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${KOMMUNE_A}` },
      supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${PLATFORM_ORG}` },
    });
    const [request] = await tokenRequests();
    expect(request.tokenClaims).toMatchObject({ consumer_org: KOMMUNE_A });
  });

  it('100 concurrent first calls for one municipality and scope make exactly one token request', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 100 }, () => client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A })),
    );
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(await tokenRequests()).toHaveLength(1);
    await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
    expect(await tokenRequests()).toHaveLength(1);
    expect(await metrics.metrics()).toMatch(/maskinporten_token_cache_hits_total 1\b/);
  });

  it('never shares a token between two municipalities', async () => {
    const [a, b] = await Promise.all([
      client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A }),
      client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_B }),
    ]);
    expect(a.accessToken).not.toBe(b.accessToken);
    expect((decodeJwt(a.accessToken).consumer as { ID: string }).ID).toBe(`0192:${KOMMUNE_A}`);
    expect((decodeJwt(b.accessToken).consumer as { ID: string }).ID).toBe(`0192:${KOMMUNE_B}`);
    expect(await tokenRequests()).toHaveLength(2);
  });

  it('never uses an expired token: a 3 s token is renewed before its expiry', async () => {
    const short = await registerPlatformClient(sim.control, { clientId: 'short-lived', tokenLifetime: 3 });
    try {
      const shortClient = newClient({ ...short.env, MASKINPORTEN_RENEW_MARGIN_SECONDS: '1' });
      const first = await shortClient.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
      expect(first.expiresAt - Date.now()).toBeLessThanOrEqual(3000);
      // Every token handed out until past the first one's expiry is still valid when handed out.
      const seen = new Set<string>();
      await consistently(
        async () => {
          const token = await shortClient.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
          expect((decodeJwt(token.accessToken).exp as number) * 1000).toBeGreaterThan(Date.now());
          seen.add(token.accessToken);
        },
        { duration: first.expiresAt + 500 - Date.now(), interval: 100 },
      );
      expect(seen.size).toBeGreaterThanOrEqual(2);
    } finally {
      await short.cleanup();
    }
  });

  it('MP-251 becomes delegation-missing and is negative-cached briefly', async () => {
    const call = () => client.getToken({ scopes: [SCOPE], consumerOrg: NOT_DELEGATED });
    await expect(call()).rejects.toMatchObject({ code: 'delegation-missing', status: 403 });
    await expect(call()).rejects.toMatchObject({ code: 'delegation-missing' });
    expect(await tokenRequests()).toHaveLength(1);
    const noNegativeCache = newClient({ MASKINPORTEN_NEGATIVE_CACHE_SECONDS: '0' });
    await expect(noNegativeCache.getToken({ scopes: [SCOPE], consumerOrg: NOT_DELEGATED })).rejects.toMatchObject({
      code: 'delegation-missing',
    });
    await expect(noNegativeCache.getToken({ scopes: [SCOPE], consumerOrg: NOT_DELEGATED })).rejects.toMatchObject({
      code: 'delegation-missing',
    });
    expect(await tokenRequests()).toHaveLength(3);
    expect(await metrics.metrics()).toMatch(/maskinporten_token_failures_total\{code="delegation-missing"\} 2/);
  });

  it('MP-250 becomes scope-not-granted', async () => {
    await expect(client.getToken({ scopes: [SCOPE], consumerOrg: NOT_GRANTED })).rejects.toMatchObject({
      code: 'scope-not-granted',
      status: 403,
    });
  });

  it('a scope not on the client is a loud configuration error', async () => {
    const error = await client.getToken({ scopes: ['skatteetaten:ukjent'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'maskinporten-misconfigured', extensions: { maskinportenCode: 'MP-200' } });
  });

  it('retries a 503 with a new grant, and gives up as maskinporten-unavailable after the bounded retries', async () => {
    await sim.control.addFault({ target: 'maskinporten', mode: 'status', status: 503, count: 1 });
    await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
    const requests = await tokenRequests();
    expect(requests.map((request) => request.status)).toEqual([503, 200]);
    expect((requests[0].tokenClaims as { jti: string }).jti).not.toBe((requests[1].tokenClaims as { jti: string }).jti);

    await sim.control.clearRequests();
    await sim.control.addFault({ target: 'maskinporten', mode: 'status', status: 503 });
    await expect(client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_B })).rejects.toMatchObject({
      code: 'maskinporten-unavailable',
      status: 503,
    });
    expect(await tokenRequests()).toHaveLength(1 + config.maskinporten.retries);
    await sim.control.clearFaults();
    await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_B });
  });

  it('flushTenant forces a new token for that municipality only', async () => {
    const a1 = await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
    const b1 = await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_B });
    expect(client.flushTenant(KOMMUNE_A)).toBe(1);
    const a2 = await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_A });
    const b2 = await client.getToken({ scopes: [SCOPE], consumerOrg: KOMMUNE_B });
    expect(a2.accessToken).not.toBe(a1.accessToken);
    expect(b2.accessToken).toBe(b1.accessToken);
    expect(await tokenRequests()).toHaveLength(3);
  });
});
