import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { freePort, type RunningProcess, startProcess, waitExit, waitReady } from '../support/processes.js';
import { eventually } from '../support/eventually.js';

describe('processes as they run in production', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });

  afterAll(async () => {
    await context.close();
  });

  it('refuses to start on bad configuration, naming every offending variable', async () => {
    const running = startProcess(
      'gateway',
      { ...context.env, GATEWAY_PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: '' },
      0,
    );
    expect(await waitExit(running)).toBe(1);
    const message = running.stderr().trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^gateway: cannot start: Invalid configuration: /);
    for (const name of ['GATEWAY_PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(message).toContain(name);
  });

  describe('a running gateway', () => {
    let gateway: RunningProcess;

    beforeAll(async () => {
      const port = await freePort();
      gateway = startProcess('gateway', { ...context.env, LOG_LEVEL: 'info', GATEWAY_PORT: String(port) }, port);
      await waitReady(gateway);
    });

    afterAll(async () => {
      await gateway.stop();
    });

    it('logs JSON lines with the correlation id and without tokens or person identifiers', async () => {
      const token = 'eyJhbGciOiJSUzI1NiJ9.secret-token-body.signature';
      await fetch(`${gateway.url}/api/v1/974760673/inntekt/v1/saernamsmann/01029413157/inntekter`, {
        headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-redaction-1' },
      });
      const requestLine = await eventually(() => {
        const lines = gateway.stdout().trim().split('\n').filter(Boolean);
        const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        return entries.find((entry) => entry.correlationId === 'corr-redaction-1');
      });
      expect(requestLine).toMatchObject({
        service: 'gateway',
        req: { method: 'GET', path: expect.stringContaining('***********') },
      });
      const all = gateway.stdout();
      expect(all).not.toContain('01029413157');
      expect(all).not.toContain('secret-token-body');
    });

    it('stops cleanly on SIGTERM, writing out the log lines it still buffers', async () => {
      // Lines are written asynchronously and in batches: the last request's line must not be lost.
      await fetch(`${gateway.url}/api/v1/974760673/unknown`, { headers: { 'x-correlation-id': 'corr-last-line' } });
      await gateway.stop();
      expect(gateway.child.signalCode ?? gateway.child.exitCode).not.toBeNull();
      expect(gateway.stdout()).toContain('"correlationId":"corr-last-line"');
    });
  });
});
