import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createAdminApp } from '#admin';
import { loadConfig } from '#core';
import { listen } from '../support/test-context.js';
import { ALL_ROLES, type OnboardingRig, type Role, startRig } from './support.js';

const ID = '00000000-0000-4000-8000-000000000000';
const READ = ALL_ROLES;

/**
 * Every admin route and the roles allowed on it. A route served in /docs-json but missing here
 * fails the first test, so a new route cannot slip in without a decision about its roles.
 */
const MATRIX: Record<string, readonly Role[]> = {
  'POST /admin/v1/tenants': ['operator'],
  'GET /admin/v1/tenants': READ,
  'GET /admin/v1/tenants/{orgnr}': READ,
  'PATCH /admin/v1/tenants/{orgnr}': ['operator'],
  'POST /admin/v1/tenants/{orgnr}/succession': ['operator'],
  'POST /admin/v1/tenants/{orgnr}/terminate': ['operator'],
  'POST /admin/v1/tenants/{orgnr}/suspend': ['incident-manager'],
  'POST /admin/v1/tenants/{orgnr}/resume': ['incident-manager'],
  'POST /admin/v1/tenants/{orgnr}/declarations': ['operator'],
  'GET /admin/v1/tenants/{orgnr}/declarations': READ,
  'GET /admin/v1/declarations': READ,
  'GET /admin/v1/declarations/{id}': READ,
  'GET /admin/v1/statistics': READ,
  'POST /admin/v1/declarations/{id}/forward': ['operator'],
  'POST /admin/v1/declarations/{id}/approve': ['operator'],
  'POST /admin/v1/declarations/{id}/reject': ['operator'],
  'POST /admin/v1/declarations/{id}/activate': ['operator'],
  'POST /admin/v1/declarations/{id}/suspend': ['incident-manager'],
  'POST /admin/v1/declarations/{id}/resume': ['incident-manager'],
  'POST /admin/v1/declarations/{id}/terminate': ['operator'],
  // Forwarding recorded by hand, signed documents, the forwarded package (issue 15).
  'POST /admin/v1/declarations/{id}/record-forwarding': ['operator'],
  'POST /admin/v1/declarations/{id}/document': ['operator'],
  'GET /admin/v1/declarations/{id}/document': READ,
  'GET /admin/v1/declarations/{id}/package': READ,
  'POST /admin/v1/terms': ['operator'],
  'GET /admin/v1/terms': READ,
  'POST /admin/v1/tenants/{orgnr}/delegations': ['operator'],
  'POST /admin/v1/tenants/{orgnr}/delegations/verify': ['operator'],
  'GET /admin/v1/tenants/{orgnr}/delegations': READ,
  'POST /admin/v1/tenants/{orgnr}/suppliers': ['operator'],
  'DELETE /admin/v1/tenants/{orgnr}/suppliers/{supplierOrgnr}': ['operator'],
  'GET /admin/v1/tenants/{orgnr}/suppliers': READ,
  // Incidents and dead letters (issue 8).
  'POST /admin/v1/incidents': ['incident-manager'],
  'GET /admin/v1/incidents': READ,
  'GET /admin/v1/incidents/{id}': READ,
  'PATCH /admin/v1/incidents/{id}': ['incident-manager'],
  'POST /admin/v1/incidents/{id}/timeline': ['incident-manager'],
  'POST /admin/v1/incidents/{id}/actions': ['incident-manager'],
  'GET /admin/v1/incidents/{id}/report': READ,
  'GET /admin/v1/notifications/dead-letters': READ,
  'POST /admin/v1/notifications/dead-letters/{id}/retry': ['incident-manager'],
  // Webhook signing secrets (issue 12).
  'GET /admin/v1/tenants/{orgnr}/webhook-secret': READ,
  'POST /admin/v1/tenants/{orgnr}/webhook-secret/rotate': ['operator'],
  // Terms as published, re-signatures and the notice outbox (issue 15).
  'GET /admin/v1/terms/{version}': READ,
  'GET /admin/v1/terms/{version}/resign-owed': READ,
  'POST /admin/v1/declarations/{id}/resign': ['operator'],
  'GET /admin/v1/declarations/{id}/signatures': READ,
  'GET /admin/v1/notices': READ,
};

/** Routes other helpers own; they are guarded too, but their roles are their tests' business. */
const OWNED_ELSEWHERE = /^\/admin\/v1\/(audit|policy)/;

function concrete(path: string): string {
  return path
    .replace('{orgnr}', '974760673')
    .replace('{supplierOrgnr}', '910753614')
    .replace(/\{[^}]+\}/g, ID);
}

function send(url: string, route: string, token?: string): request.Test {
  const [method, path] = route.split(' ');
  const test = request(url)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](concrete(path));
  if (token) test.set('Authorization', `Bearer ${token}`);
  return method === 'GET' || method === 'DELETE' ? test : test.send({});
}

describe('operator authentication and the role matrix', () => {
  let rig: OnboardingRig;
  let routes: string[];

  beforeAll(async () => {
    rig = await startRig();
    const docs = await request(rig.adminUrl).get('/docs-json').expect(200);
    routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  afterAll(() => rig.close());

  it('lists every admin route of /docs-json in the role matrix', () => {
    const mine = routes.filter((route) => !OWNED_ELSEWHERE.test(route.split(' ')[1]));
    expect(mine.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers 401 operator-token-missing on every route of /docs-json without a token', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
    for (const route of routes) {
      const response = await send(rig.adminUrl, route);
      expect({ route, status: response.status, code: response.body.code }).toEqual({
        route,
        status: 401,
        code: 'operator-token-missing',
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it.each([
    ['a malformed token', 'not-a-jwt', 'operator-token-invalid'],
    ['a Basic header', null, 'operator-token-missing'],
  ])('answers 401 to %s', async (_what, token, code) => {
    const test = request(rig.adminUrl).get('/admin/v1/tenants');
    const response = await (
      token ? test.set('Authorization', `Bearer ${token}`) : test.set('Authorization', 'Basic dXNlcjpwdw==')
    ).expect(401);
    expect(response.body.code).toBe(code);
  });

  it('refuses an expired token', async () => {
    const expired = await rig.sim.control.mintOperatorToken({
      sub: 'old@example.no',
      roles: ['operator'],
      expiresIn: -120,
    });
    const response = await request(rig.adminUrl)
      .get('/admin/v1/tenants')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(response.body).toMatchObject({ code: 'operator-token-invalid', reason: 'expired' });
  });

  it("refuses a Maskinporten token signed by the simulator's other key (wrong issuer and keys)", async () => {
    const municipal = await rig.sim.control.mintToken({ consumerOrg: '974760673', scope: 'delingsmegler:api' });
    const response = await request(rig.adminUrl)
      .get('/admin/v1/tenants')
      .set('Authorization', `Bearer ${municipal}`)
      .expect(401);
    expect(response.body.code).toBe('operator-token-invalid');
  });

  it('answers 403 operator-role-missing to a valid token without roles', async () => {
    const response = await request(rig.adminUrl)
      .get('/admin/v1/tenants')
      .set('Authorization', `Bearer ${await rig.token()}`)
      .expect(403);
    expect(response.body.code).toBe('operator-role-missing');
  });

  it.each(ALL_ROLES)('lets %s through exactly the routes of its row, and refuses the rest with 403', async (role) => {
    const token = await rig.token(role);
    for (const [route, allowed] of Object.entries(MATRIX)) {
      const response = await send(rig.adminUrl, route, token);
      if (allowed.includes(role)) {
        // Past the guard: whatever the route answers (404, 400, 200), it is not an auth refusal.
        expect({ route, status: response.status }).not.toEqual({ route, status: 403 });
        expect({ route, status: response.status }).not.toEqual({ route, status: 401 });
      } else {
        expect({ route, status: response.status, code: response.body.code }).toEqual({
          route,
          status: 403,
          code: 'operator-role-missing',
        });
      }
    }
  });

  it("answers 503 operator-idp-unavailable while the identity provider's keys cannot be fetched", async () => {
    const admin = await createAdminApp(
      loadConfig({ ...rig.context.env, OPERATOR_JWKS_URL: 'http://127.0.0.1:1/jwks' }),
    );
    try {
      const url = await listen(admin);
      const response = await request(url)
        .get('/admin/v1/tenants')
        .set('Authorization', `Bearer ${await rig.token('viewer')}`)
        .expect(503);
      expect(response.body.code).toBe('operator-idp-unavailable');
    } finally {
      await admin.close();
    }
  });
});
