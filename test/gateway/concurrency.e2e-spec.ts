import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { type RunningProcess, startGatewayProcesses as startGateways } from '../support/processes.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from './support.js';

const KOMMUNE = '974760673';
const OTHER_KOMMUNE = '964338531';

describe("Skatteetaten's five concurrent calls per API per organisation, across gateway replicas", () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateways: RunningProcess[] = [];
  let cleanup: () => Promise<void>;

  const call = async (gateway: RunningProcess, orgnr: string) => {
    const token = await sim.control.mintToken({ consumerOrg: orgnr, scope: PLATFORM_SCOPE });
    const response = await fetch(`${gateway.url}${PATHS.inntekt(orgnr)}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { code?: string },
    };
  };

  beforeAll(async () => {
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'concurrency-test', [KOMMUNE, OTHER_KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext(platform.env);
    for (const orgnr of [KOMMUNE, OTHER_KOMMUNE]) await seedActiveTenant(context.config.database.url, orgnr);
    gateways = await startGateways(context.env);
    // Warm each replica's Maskinporten token cache, so the burst below is only upstream calls.
    for (const gateway of gateways) expect((await call(gateway, KOMMUNE)).status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  it('lets five through, refuses the sixth with 429 before it reaches the upstream, and leaves other municipalities alone', async () => {
    await sim.control.clearRequests();
    await sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 1000, count: 7 });
    const burst = [0, 1, 2, 3, 4, 5].map((i) => call(gateways[i % 2], KOMMUNE));
    // The five the gateways let through are at Skatteetaten before a different municipality calls, so its call is concurrent with them.
    await eventually(async () => (await sim.control.requests('inntekt')).length >= 5);
    const other = await call(gateways[0], OTHER_KOMMUNE);
    const results = await Promise.all(burst);

    expect(other.status).toBe(200);
    expect(results.filter((result) => result.status === 200)).toHaveLength(5);
    const refused = results.filter((result) => result.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].body.code).toBe('too-many-concurrent-calls');
    expect(Number(refused[0].retryAfter)).toBeGreaterThanOrEqual(1);

    const received = (await sim.control.requests('inntekt')) as Array<{
      tokenClaims?: { consumer?: { ID: string } };
      status?: number;
    }>;
    const ours = received.filter((entry) => entry.tokenClaims?.consumer?.ID === `0192:${KOMMUNE}`);
    expect(ours).toHaveLength(5);
    expect(ours.every((entry) => entry.status === 200)).toBe(true);
  });

  it('gives the permits back: the next call after the burst goes through', async () => {
    expect((await call(gateways[1], KOMMUNE)).status).toBe(200);
  });
});

describe('UPSTREAM_<API>_CONCURRENCY_SCOPE=client: the five concurrent calls count for the platform as a whole', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateways: RunningProcess[] = [];
  let cleanup: () => Promise<void>;

  const call = async (gateway: RunningProcess, orgnr: string) => {
    const token = await sim.control.mintToken({ consumerOrg: orgnr, scope: PLATFORM_SCOPE });
    const response = await fetch(`${gateway.url}${PATHS.inntekt(orgnr)}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    return { orgnr, status: response.status, body: (await response.json()) as { code?: string; detail?: string } };
  };

  beforeAll(async () => {
    sim = await startSimulator();
    await sim.control.setConcurrencyScope('inntekt', 'client');
    const platform = await connectPlatform(sim, 'concurrency-client-test', [KOMMUNE, OTHER_KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext({ ...platform.env, UPSTREAM_INNTEKT_CONCURRENCY_SCOPE: 'client' });
    for (const orgnr of [KOMMUNE, OTHER_KOMMUNE]) await seedActiveTenant(context.config.database.url, orgnr);
    gateways = await startGateways(context.env);
    for (const gateway of gateways)
      for (const orgnr of [KOMMUNE, OTHER_KOMMUNE]) expect((await call(gateway, orgnr)).status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  it('refuses the sixth concurrent call across two municipalities and two replicas before it reaches the upstream', async () => {
    await sim.control.clearRequests();
    await sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 1000, count: 6 });
    const burst = [0, 1, 2, 3, 4, 5].map((i) => call(gateways[i % 2], i < 3 ? KOMMUNE : OTHER_KOMMUNE));
    const results = await Promise.all(burst);

    expect(results.filter((result) => result.status === 200)).toHaveLength(5);
    const refused = results.filter((result) => result.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].body.code).toBe('too-many-concurrent-calls');
    expect(refused[0].body.detail).toMatch(/platform as a whole/);
    // The simulator counts per client too, so it would have refused a sixth: none arrived.
    const received = (await sim.control.requests('inntekt')) as Array<{ status?: number }>;
    expect(received).toHaveLength(5);
    expect(received.every((entry) => entry.status === 200)).toBe(true);
  });
});
