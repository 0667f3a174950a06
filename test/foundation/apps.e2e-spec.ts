import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createAdminApp } from '#admin';
import { createGatewayApp } from '#gateway';
import { createSimulatorApp } from '#simulator';
import { createWorkerApp } from '#worker';
import { loadConfig } from '#core';
import { OPENAPI_DIR } from '#openapi';
import { JobDispatcher } from '#queue';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('every process boots and serves health, metrics and (gateway, admin) OpenAPI', () => {
  let context: TestContext;
  const apps: NestFastifyApplication[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    context = await createTestContext();
    const factories = {
      gateway: createGatewayApp,
      admin: createAdminApp,
      worker: createWorkerApp,
      simulator: createSimulatorApp,
    };
    for (const [name, create] of Object.entries(factories)) {
      const app = await create(context.config);
      apps.push(app);
      urls[name] = await listen(app);
    }
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await context.close();
  });

  it.each(['gateway', 'admin', 'worker', 'simulator'])('%s is live and ready', async (name) => {
    await request(urls[name]).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(urls[name]).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    const checks = { database: { status: 'up' }, redis: { status: 'up' } };
    if (name === 'gateway') expect(ready.body.checks).toEqual({ ...checks, 'policy-state': { status: 'up' } });
    else if (name !== 'simulator') expect(ready.body.checks).toEqual(checks);
  });

  it.each(['gateway', 'admin', 'worker', 'simulator'])('%s serves Prometheus metrics', async (name) => {
    await request(urls[name]).get('/health/live');
    const metrics = await request(urls[name]).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it.each(['gateway', 'admin'])('%s serves OpenAPI at /docs and /docs-json', async (name) => {
    const json = await request(urls[name]).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toMatch(/Delingsmegler/);
    // The running app serves the committed document (this test's config keeps every documented default).
    expect(json.body).toEqual(JSON.parse(await readFile(join(OPENAPI_DIR, `${name}.json`), 'utf8')));
    const html = await request(urls[name]).get('/docs').redirects(1).expect(200);
    expect(html.text).toContain('swagger');
  });

  it('echoes a valid X-Correlation-ID and generates one otherwise', async () => {
    const echoed = await request(urls.gateway).get('/health/live').set('X-Correlation-ID', 'case-42.abc').expect(200);
    expect(echoed.headers['x-correlation-id']).toBe('case-42.abc');
    const generated = await request(urls.gateway).get('/health/live').expect(200);
    expect(generated.headers['x-correlation-id']).toMatch(UUID);
    const unsafe = await request(urls.gateway).get('/health/live').set('X-Correlation-ID', 'a b<script>').expect(200);
    expect(unsafe.headers['x-correlation-id']).toMatch(UUID);
  });

  it('answers an unknown route with problem+json, a code and the correlation id', async () => {
    const response = await request(urls.admin)
      .get('/nowhere/01029413157')
      .set('X-Correlation-ID', 'trace-1')
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'urn:delingsmegler:problem:not-found',
      title: 'Not found',
      status: 404,
      code: 'not-found',
      detail: expect.any(String),
      correlationId: 'trace-1',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(JSON.stringify(response.body)).not.toContain('01029413157');
  });

  it('never echoes a person identifier from the path in a problem', async () => {
    const response = await request(urls.gateway).get('/api/v1/974760673/nope/01029413157').expect(401);
    expect(JSON.stringify(response.body)).not.toContain('01029413157');
  });
});

/** A gateway of its own, with extra configuration, for the rest of the describe block. */
function gatewayWith(overrides: Record<string, string>): { url: () => string; app: () => NestFastifyApplication } {
  let context: TestContext;
  let app: NestFastifyApplication;
  let url = '';
  beforeAll(async () => {
    context = await createTestContext();
    app = await createGatewayApp(loadConfig({ ...context.env, ...overrides }));
    url = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await context.close();
  });
  return { url: () => url, app: () => app };
}

describe('readiness reports a missing dependency', () => {
  // Nothing listens on port 1: Redis is "down" for this gateway.
  const gateway = gatewayWith({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_ADD_TIMEOUT_MS: '200' });

  it('gives up adding a job after the configured wait, with queue-unavailable', async () => {
    const started = Date.now();
    const adding = gateway
      .app()
      .get(JobDispatcher)
      .dispatch('notifications', 'deliver-webhook', { tenantOrgnr: '974760673', deliveryId: 'x' });
    await expect(adding).rejects.toMatchObject({ code: 'queue-unavailable', status: 503 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 503 not-ready naming Redis, while liveness stays 200', async () => {
    await request(gateway.url()).get('/health/live').expect(200);
    const response = await request(gateway.url()).get('/health/ready').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('not-ready');
    expect(response.body.detail).toContain('redis');
    expect(response.body.checks.database).toEqual({ status: 'up' });
    expect(response.body.checks.redis.status).toBe('down');
  });
});

describe('gateway request bodies', () => {
  const gateway = gatewayWith({ HTTP_BODY_LIMIT_BYTES: '2048' });

  it.each([
    ['malformed JSON', 'application/json', '{"bad', 400, 'malformed-body'],
    ['an unsupported media type', 'text/csv', 'a,b', 415, 'unsupported-media-type'],
    ['a body over the limit', 'application/json', JSON.stringify({ pad: 'x'.repeat(4096) }), 413, 'payload-too-large'],
  ])('answers %s with problem+json', async (_what, type, body, status, code) => {
    const response = await request(gateway.url())
      .post('/api/v1/974760673/utleggstrekk/x')
      .set('Content-Type', type)
      .send(body)
      .expect(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status,
      code,
      detail: expect.any(String),
      correlationId: expect.any(String),
    });
  });
});
