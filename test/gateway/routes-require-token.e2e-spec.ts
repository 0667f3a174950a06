import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GatewayRig, startGatewayRig } from '../support/index.js';

const KOMMUNE = '974760673';
const ID = '00000000-0000-4000-8000-000000000000';

/**
 * The gateway's routes that answer without a token, each with its reason. A route Nest registers
 * that is neither here nor refused without a token fails the test, so a new route cannot be served
 * to anyone by accident.
 */
const PUBLIC: Record<string, string> = {
  'GET /health/live': 'liveness probe',
  'GET /health/ready': 'readiness probe',
  'GET /metrics': 'Prometheus scrape, no tenant data',
  'GET /docs/*': 'the OpenAPI document and its viewer',
};

interface Route {
  method: string;
  url: string;
}

/** A route's path with its parameters filled in: the tenant's orgnr, an id, an upstream operation. */
function concrete(url: string): string {
  return url
    .replace(':orgnr', KOMMUNE)
    .replace(':id', ID)
    .replace(/\*$/, 'inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07');
}

/** Methods sent without a body; the others carry `{}`, as a client of the route would send one. */
const BODILESS = ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'];

/** node:http rather than fetch, which refuses some of the methods the gateway routes (TRACE). */
function send(base: string, route: Route): Promise<{ status: number; type: string; body: string }> {
  const body = BODILESS.includes(route.method) ? undefined : '{}';
  const headers = body ? { 'content-type': 'application/json' } : {};
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${concrete(route.url)}`, { method: route.method, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('every gateway route requires a token', () => {
  let rig: GatewayRig;
  const routes: Route[] = [];

  beforeAll(async () => {
    rig = await startGatewayRig({
      tenants: [KOMMUNE],
      // Each refused request counts against the source; this test sends well over the default bound.
      env: { GATEWAY_REFUSED_PER_MINUTE: '100000' },
      // Fastify's route table as Nest fills it when the app starts listening.
      beforeListen: (gateway) =>
        gateway
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) routes.push({ method, url: route.url });
          }),
    });
  });

  afterAll(() => rig?.close());

  const isPublic = (route: Route) => `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}` in PUBLIC;

  it('finds the tenant routes in the route table, and each public route it allows', () => {
    const urls = new Set(routes.map((route) => route.url));
    for (const url of ['/api/v1/:orgnr/status', '/api/v1/:orgnr/audit', '/api/v1/:orgnr/*'])
      expect(urls).toContain(url);
    expect(
      Object.keys(PUBLIC).filter((key) => !routes.some((route) => `${route.method} ${route.url}` === key)),
    ).toEqual([]);
  });

  it('answers 401 token-missing as problem+json on every other route and method, and logs nothing for the tenant', async () => {
    const guarded = routes.filter((route) => !isPublic(route));
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const { status, type, body } = await send(rig.url, route);
      const code = route.method === 'HEAD' ? undefined : (JSON.parse(body) as { code?: string }).code;
      expect({ route, status, type, code }).toEqual({
        route,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
        code: route.method === 'HEAD' ? undefined : 'token-missing',
      });
    }
    const { rows } = await rig.db.query('SELECT count(*)::int AS n FROM audit_events WHERE tenant_orgnr = $1', [
      KOMMUNE,
    ]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('answers the public routes without a token', async () => {
    for (const route of routes.filter((route) => isPublic(route) && route.method === 'GET')) {
      const { status } = await send(rig.url, { ...route, url: route.url.replace('/*', '/') });
      expect({ route, status }).toEqual({ route, status: 200 });
    }
  });
});
