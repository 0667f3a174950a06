import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createGatewayApp } from '#gateway';
import { PLATFORM_SCOPE } from '../gateway/support.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { seedActiveTenant } from '../support/tenants.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const KOMMUNE = '974760673';
const SLOW_INSERT_S = 1.5;

/**
 * Issue 12 item 7: the audit writer's queue is bounded. With the audit store slow (a trigger in
 * the test's own database), requests past the bound are refused at once with 503 instead of
 * queueing behind it until the write timeout.
 */
describe('the audit writer queue is bounded', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: NestFastifyApplication;
  let url: string;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator();
    context = await createTestContext({
      MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
      SIMULATOR_PUBLIC_URL: sim.url,
      AUDIT_MAX_QUEUED_EVENTS: '1',
      AUDIT_MAX_BATCH_SIZE: '1',
    });
    await seedActiveTenant(context.config.database.url, KOMMUNE);
    const db = new pg.Client({ connectionString: context.ownerUrl });
    await db.connect();
    await db.query(
      `CREATE FUNCTION test_slow_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(${SLOW_INSERT_S}); RETURN NEW; END $$`,
    );
    await db.query(
      'CREATE TRIGGER test_slow_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_slow_audit()',
    );
    await db.end();
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
    token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
    await context?.close();
  });

  it('refuses requests past the bound at once with 503 audit-unavailable, and serves those within it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const started = performance.now();
        const response = await fetch(`${url}/api/v1/${KOMMUNE}/status`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { code?: string };
        return { status: response.status, code: body.code, ms: performance.now() - started };
      }),
    );
    const refused = answers.filter((answer) => answer.status === 503);
    // One event being written, one waiting: the other three are over the bound.
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.code).toBe('audit-unavailable');
      expect(answer.ms).toBeLessThan(SLOW_INSERT_S * 1000);
    }
  });
});
