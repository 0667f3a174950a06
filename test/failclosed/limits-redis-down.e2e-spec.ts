import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GatewayRig, PATHS, startGatewayRig } from '../support/index.js';

const KOMMUNE = '974760673';

/** The shared limits cannot be checked without Redis: the gateway refuses rather than call unlimited. */
describe('the shared limits fail closed when Redis is down', () => {
  let rig: GatewayRig;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is down for this gateway.
    rig = await startGatewayRig({
      client: 'limits-redis-down',
      tenants: [KOMMUNE],
      env: { REDIS_URL: 'redis://127.0.0.1:1', QUEUE_ADD_TIMEOUT_MS: '200' },
    });
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('answers 503 limits-unavailable before the upstream hears of the call, and audits the refusal', async () => {
    await rig.sim.control.clearRequests();
    const answer = await rig.call(PATHS.inntekt(KOMMUNE));
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('limits-unavailable');
    expect((await rig.sim.control.requests('inntekt')).length).toBe(0);
    const { rows } = await rig.db.query('SELECT http_status, reason_code FROM audit_events WHERE correlation_id = $1', [
      answer.correlationId,
    ]);
    expect(rows).toEqual([{ http_status: 503, reason_code: 'limits-unavailable' }]);
  });
});
