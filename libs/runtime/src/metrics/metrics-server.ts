import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';

/** A listener of its own that answers only GET /metrics, kept off the tenant-facing port. */
export class MetricsServer implements OnModuleInit, OnApplicationShutdown {
  private readonly server: Server;

  constructor(
    private readonly registry: Registry,
    private readonly host: string,
    private readonly port: number,
  ) {
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      this.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
    });
  }

  /** Listening before the app is, so a taken port stops the start with a clear error. */
  onModuleInit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => resolve());
    });
  }

  /** The bound port (useful when METRICS_PORT=0 picks a free one). */
  boundPort(): number {
    return (this.server.address() as AddressInfo).port;
  }

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections(); // a scraper's keep-alive socket must not hold up shutdown
    });
  }
}
