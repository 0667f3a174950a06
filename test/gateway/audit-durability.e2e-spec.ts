import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from '../support/db.js';
import { givenTenant } from '../support/given.js';
import { CONTEXT_HEADERS, connectPlatform, PATHS, PLATFORM_SCOPE } from '../support/platform.js';
import { type RunningProcess, startGatewayProcesses, waitExit } from '../support/processes.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

// Four municipalities, four callers each: 16 concurrent calls, within each one's five concurrent
// Skatteetaten calls, so nearly every call is allowed.
const KOMMUNER = ['974760673', '964338531', '944117784', '938801363'];
const CALLERS_EACH = 4;
/** How many 2xx answers the callers receive before the gateway is killed. */
const ANSWERS_BEFORE_KILL = 150;

interface Received {
  status: number;
  correlationId: string;
}

describe('audit before answer survives kill -9: every 2xx a client received has its committed event', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: RunningProcess | undefined;
  let cleanup: () => Promise<void>;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'audit-durability-test', KOMMUNER);
    cleanup = platform.cleanup;
    context = await createTestContext(platform.env);
    const db = await connect(context.config.database.url);
    try {
      for (const orgnr of KOMMUNER) await givenTenant(db, orgnr, { ratePerMinute: 1_000_000 });
    } finally {
      await db.end();
    }
    for (const orgnr of KOMMUNER)
      tokens.set(orgnr, await sim.control.mintToken({ consumerOrg: orgnr, scope: PLATFORM_SCOPE }));
    [gateway] = await startGatewayProcesses(context.env, 1);
  });

  afterAll(async () => {
    await gateway?.stop();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  it('kills the gateway with SIGKILL under 16 concurrent allowed calls; each received 2xx is in audit_events as allow', async () => {
    const running = gateway as RunningProcess;
    const call = async (orgnr: string): Promise<Received> => {
      const response = await fetch(`${running.url}${PATHS.inntekt(orgnr)}`, {
        headers: { authorization: `Bearer ${tokens.get(orgnr)}`, ...CONTEXT_HEADERS },
      });
      await response.arrayBuffer(); // received means the whole answer arrived
      return { status: response.status, correlationId: response.headers.get('x-correlation-id') ?? '' };
    };
    // Warm the Maskinporten token cache of each municipality, so the load below is only gateway calls.
    for (const orgnr of KOMMUNER) expect((await call(orgnr)).status).toBe(200);

    const received: Received[] = [];
    let cutOff = 0;
    let allowed = 0;
    let killed = false;
    const kill = () => {
      if (!killed) running.child.kill('SIGKILL');
      killed = true;
    };
    const caller = async (orgnr: string) => {
      while (!killed) {
        try {
          const answer = await call(orgnr);
          received.push(answer);
          if (answer.status >= 200 && answer.status < 300 && ++allowed >= ANSWERS_BEFORE_KILL) kill();
        } catch {
          cutOff++; // the connection died with the process: no answer reached this client
        }
      }
    };
    const load = KOMMUNER.flatMap((orgnr) => Array.from({ length: CALLERS_EACH }, () => caller(orgnr)));
    // Bounded whatever the gateway's speed: killed after enough answers, or after 6 s of load.
    const deadline = setTimeout(kill, 6_000);
    await Promise.all(load);
    clearTimeout(deadline);
    await waitExit(running, 5_000);
    expect(running.child.signalCode).toBe('SIGKILL');

    const answered = received.filter((entry) => entry.status >= 200 && entry.status < 300);
    expect(answered.length).toBeGreaterThanOrEqual(20);
    expect(answered.filter((entry) => entry.correlationId === '')).toEqual([]);
    // It died mid-load: calls were in flight when the process went.
    expect(cutOff).toBeGreaterThanOrEqual(1);

    const db = await connect(context.config.database.url);
    try {
      const { rows } = await db.query<{ correlation_id: string; decision: string }>(
        `SELECT correlation_id, decision FROM audit_events WHERE correlation_id = ANY($1::text[])`,
        [answered.map((entry) => entry.correlationId)],
      );
      const decisions = new Map(rows.map((row) => [row.correlation_id, row.decision]));
      const missing = answered.filter((entry) => decisions.get(entry.correlationId) !== 'allow');
      expect(missing).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
