import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type OnboardingRig, startRig } from '../onboarding/support.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from '../gateway/support.js';
import { freePort, type RunningProcess, startProcess, waitReady } from '../support/processes.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { eventually } from '../support/eventually.js';

const KOMMUNE = '974760673';

describe('an operator change is in force on every gateway replica within one second', () => {
  let rig: OnboardingRig;
  let gateways: RunningProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let token: string;

  const call = async (gateway: RunningProcess) => {
    const response = await fetch(`${gateway.url}${PATHS.inntekt(KOMMUNE)}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    return response.status === 200 ? 'allowed' : (body.code ?? String(response.status));
  };
  /** Milliseconds until every replica answers `expected`. */
  const untilAll = async (expected: string): Promise<number> => {
    const started = performance.now();
    await Promise.all(
      gateways.map((gateway) =>
        eventually(async () => (await call(gateway)) === expected, { timeout: 5000, interval: 20 }),
      ),
    );
    return performance.now() - started;
  };

  beforeAll(async () => {
    rig = await startRig({
      prepare: async (sim) => {
        const platform = await connectPlatform(sim, 'replicas-test', [KOMMUNE]);
        cleanup = platform.cleanup;
        return platform.env;
      },
    });
    await seedActiveTenant(rig.context.config.database.url, KOMMUNE);
    gateways = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        return startProcess('gateway', { ...rig.context.env, GATEWAY_PORT: String(port) }, port);
      }),
    );
    await Promise.all(gateways.map((gateway) => waitReady(gateway)));
    token = await rig.sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await rig?.close();
    await cleanup?.();
  });

  it('suspending a tenant through the admin API refuses its next request on both replicas, and resuming allows it again', async () => {
    expect(await Promise.all(gateways.map(call))).toEqual(['allowed', 'allowed']);
    const admin = await rig.as('incident-manager');

    await admin.post(`/admin/v1/tenants/${KOMMUNE}/suspend`, { reason: 'suspected misuse' }).expect(200);
    expect(await untilAll('tenant-suspended')).toBeLessThan(1000);

    await admin.post(`/admin/v1/tenants/${KOMMUNE}/resume`, { reason: 'cleared' }).expect(200);
    expect(await untilAll('allowed')).toBeLessThan(1000);
  });
});
