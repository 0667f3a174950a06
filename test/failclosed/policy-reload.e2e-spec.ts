import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createGatewayApp } from '#gateway';
import { PLATFORM_SCOPE } from '../gateway/support.js';
import { eventually } from '../support/eventually.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { seedActiveTenant } from '../support/tenants.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const KOMMUNE = '974760673';

/**
 * Issue 12 item 6: a failed full reload of the policy state must not leave the old state in force
 * as if it were fresh (a change notified meanwhile may have been missed). The database stays up
 * for the listener; only the reload's query fails, by renaming a table it reads.
 */
describe('a failed full policy reload fails closed until a reload succeeds', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: NestFastifyApplication;
  let url: string;
  let db: pg.Client;
  let token: string;

  const status = async () => {
    const response = await fetch(`${url}/api/v1/${KOMMUNE}/status`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { code?: string };
    return response.status === 200 ? 'ok' : `${response.status} ${body.code}`;
  };
  const ready = async () => (await fetch(`${url}/health/ready`)).status;

  beforeAll(async () => {
    sim = await startSimulator();
    context = await createTestContext({
      MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
      SIMULATOR_PUBLIC_URL: sim.url,
      POLICY_RELOAD_INTERVAL_MS: '200',
    });
    await seedActiveTenant(context.config.database.url, KOMMUNE);
    db = new pg.Client({ connectionString: context.ownerUrl });
    await db.connect();
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
    token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.end();
    await sim?.close();
    await context?.close();
  });

  it('answers 503 policy-state-unavailable (and not ready) while the full reload fails, and serves again once it succeeds', async () => {
    expect(await status()).toBe('ok');
    await db.query('ALTER TABLE api_pauses RENAME TO api_pauses_unreachable');
    try {
      // The listener is still connected, so only the failed reload can make the state untrusted.
      const refused = await eventually(async () => {
        const answer = await status();
        return answer === 'ok' ? undefined : answer;
      }, 5000);
      expect(refused).toBe('503 policy-state-unavailable');
      expect(await ready()).toBe(503);
    } finally {
      await db.query('ALTER TABLE api_pauses_unreachable RENAME TO api_pauses');
    }
    // Retried with backoff (1 s first): back without a restart.
    await eventually(async () => ((await status()) === 'ok' ? true : undefined), 10_000);
    expect(await ready()).toBe(200);
  });
});
