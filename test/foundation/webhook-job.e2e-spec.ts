import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '#worker';
import { loadConfig } from '#core';
import { TenantEntity } from '#database';
import { WebhookService } from '#notifications';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { eventually } from '../support/eventually.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

describe('a webhook job travels through bull to the worker and out over HTTP', () => {
  let context: TestContext;
  let worker: NestFastifyApplication;
  let webhooks: WebhookService;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let failuresToServe = 0;

  beforeAll(async () => {
    context = await createTestContext();
    receiver = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        if (failuresToServe > 0) {
          failuresToServe--;
          res.writeHead(503).end();
          return;
        }
        received.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    worker = await createWorkerApp(
      loadConfig({ ...context.env, WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '1000' }),
    );
    await worker.init();
    webhooks = worker.get(WebhookService);
    await worker
      .get(DataSource)
      .getRepository(TenantEntity)
      .insert({ orgnr: '974760673', name: 'Kommune A', contacts: [] });
  });

  afterAll(async () => {
    await worker.close();
    receiver.close();
    await context.close();
  });

  it('delivers the notification and records it as delivered', async () => {
    const queued = await webhooks.enqueue('974760673', receiverUrl, 'incident.opened', { incidentId: 'inc-1' });
    expect(queued.status).toBe('pending');
    const delivered = await eventually(async () => {
      const view = await webhooks.find('974760673', queued.id);
      return view?.status === 'delivered' ? view : undefined;
    });
    expect(delivered.attempts).toBe(1);
    const message = received.find((item) => item.body.deliveryId === queued.id);
    expect(message?.body).toEqual({
      event: 'incident.opened',
      tenant: '974760673',
      deliveryId: queued.id,
      data: { incidentId: 'inc-1' },
    });
    expect(message?.headers['x-delivery-id']).toBe(queued.id);
    expect(message?.headers['webhook-id']).toBe(queued.id);
    expect(message?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('retries a failing receiver with backoff and delivers once it answers', async () => {
    failuresToServe = 2;
    const queued = await webhooks.enqueue('974760673', receiverUrl, 'incident.updated', {});
    const delivered = await eventually(async () => {
      const view = await webhooks.find('974760673', queued.id);
      return view?.status === 'delivered' ? view : undefined;
    });
    expect(delivered.attempts).toBe(3);
    expect(received.filter((item) => item.body.deliveryId === queued.id)).toHaveLength(1);
  });

  it('marks the delivery failed after the last attempt', async () => {
    const queued = await webhooks.enqueue('974760673', 'http://127.0.0.1:1/unreachable', 'incident.closed', {});
    const failed = await eventually(async () => {
      const view = await webhooks.find('974760673', queued.id);
      return view?.status === 'failed' ? view : undefined;
    });
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toBe('connection-failed');
  });
});
