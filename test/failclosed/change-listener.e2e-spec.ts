import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ChangeListener } from '#database';
import { consistently, eventually } from '../support/eventually.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * A TCP relay to PostgreSQL that can go silent without closing anything, as a dropped peer or a
 * NAT that forgot the connection does: no FIN, no RST, just no more bytes.
 */
async function startRelay(target: URL): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.push(client, upstream);
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => (frozen = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Issue 12 item 6: the LISTEN connection is considered down after a missed heartbeat. */
describe('the change listener notices a connection that went silent', () => {
  let context: TestContext;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let listener: ChangeListener;
  let reconnects = 0;

  beforeAll(async () => {
    context = await createTestContext();
    const target = new URL(context.config.database.url);
    relay = await startRelay(target);
    const viaRelay = new URL(target.toString());
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    listener = new ChangeListener(
      viaRelay.toString(),
      ['test_channel'],
      { onNotification: () => undefined, onReconnected: () => (reconnects += 1) },
      { heartbeatMs: 200 },
    );
  });

  afterAll(async () => {
    await listener?.stop();
    await relay?.close();
    await context?.close();
  });

  it('counts the connection down after a missed heartbeat, with no close from either side', async () => {
    expect(await listener.start()).toBe(true);
    // Answered heartbeats (every 200 ms) keep it connected.
    await consistently(() => listener.connected, { duration: 500 });
    relay.freeze();
    const started = Date.now();
    await eventually(async () => (listener.connected ? undefined : true), 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reconnects).toBe(0);
  });
});
