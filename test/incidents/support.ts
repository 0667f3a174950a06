import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
export { query } from '../support/db.js';

export interface ReceivedHook {
  path: string;
  deliveryId: string | undefined;
  body: { event: string; tenant: string; deliveryId: string; data: Record<string, unknown> };
  /** The body as sent (what a signature covers) and the request headers. */
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A municipality's webhook receiver on a loopback port that can be taken down and brought back on the same port. */
export interface Receiver {
  url: (path: string) => string;
  received: ReceivedHook[];
  /** TCP connections accepted so far (a refused delivery must make none). */
  connections: () => number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** How the receiver answers a path: a status, or `hang` (never answers). 204 by default. */
export type Answer = (path: string) => number | 'hang';

export async function startReceiver(answer: Answer = () => 204): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  let connections = 0;
  let port = 0;
  let server: Server | undefined;
  const up = async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        const status = answer(req.url ?? '');
        if (status === 'hang') return;
        received.push({
          path: req.url ?? '',
          deliveryId: req.headers['x-delivery-id'] as string | undefined,
          body: JSON.parse(data),
          raw: data,
          headers: req.headers,
        });
        res.writeHead(status).end(status >= 300 ? 'internal detail of the receiver' : undefined);
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const down = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await up();
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    connections: () => connections,
    up,
    down,
    close: down,
  };
}
