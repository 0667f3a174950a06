import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import request from 'supertest';
import { createAdminApp } from '#admin';
import { loadConfig } from '#core';
import { query, type Receiver, type ReceivedHook, startReceiver } from '../incidents/support.js';
import { type AdminClient, eventually, type OnboardingRig, startRig, TENANT } from '../onboarding/support.js';
import { listen } from '../support/test-context.js';

interface DeadLetter {
  id: string;
  incidentId: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string;
}

/** What a receiver does with Standard Webhooks headers: which of its secrets signed this delivery. */
function verifiedBy(hook: ReceivedHook, secrets: Record<string, string>): string[] {
  const id = hook.headers['webhook-id'] as string;
  const timestamp = hook.headers['webhook-timestamp'] as string;
  const signatures = (hook.headers['webhook-signature'] as string).split(' ').map((entry) => {
    const [version, value] = entry.split(',');
    expect(version).toBe('v1');
    return Buffer.from(value, 'base64');
  });
  return Object.entries(secrets)
    .filter(([, secret]) => {
      const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
        .update(`${id}.${timestamp}.${hook.raw}`)
        .digest();
      return signatures.some(
        (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
      );
    })
    .map(([name]) => name);
}

async function openIncident(manager: AdminClient, summary: string): Promise<string> {
  return (
    await manager.post('/admin/v1/incidents', { severity: 'low', summary, affectedTenants: [TENANT] }).expect(201)
  ).body.id;
}

async function deadLettersOf(viewer: AdminClient, incidentId: string, count: number): Promise<DeadLetter[]> {
  return eventually(async () => {
    const letters = (
      (await viewer.get(`/admin/v1/notifications/dead-letters?tenant=${TENANT}`).expect(200)).body as DeadLetter[]
    ).filter((letter) => letter.incidentId === incidentId);
    return letters.length >= count ? letters : undefined;
  });
}

describe('webhooks never reach inside the platform (WEBHOOK_ALLOW_PRIVATE_ADDRESSES off)', () => {
  let rig: OnboardingRig;
  let strictAdmin: NestFastifyApplication;
  let strictAdminUrl: string;
  let receiver: Receiver;
  let operator: AdminClient;
  let manager: AdminClient;
  let viewer: AdminClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The URLs below were accepted at registration (as by an admin that allowed them, or a name
    // that resolved elsewhere then); the worker alone must refuse them when it sends.
    rig = await startRig({
      worker: true,
      env: { WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '1000' },
      workerEnv: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' },
    });
    strictAdmin = await createAdminApp(loadConfig({ ...rig.context.env, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' }));
    strictAdminUrl = await listen(strictAdmin);
    [operator, manager, viewer] = await Promise.all([rig.as('operator'), rig.as('incident-manager'), rig.as('viewer')]);
    await operator
      .post('/admin/v1/tenants', {
        orgnr: TENANT,
        name: 'Kommune A',
        contacts: [
          { name: 'Loopback', webhookUrl: receiver.url('/literal') },
          { name: 'Named loopback', webhookUrl: receiver.url('/named').replace('127.0.0.1', 'localhost') },
        ],
      })
      .expect(201);
  });

  afterAll(async () => {
    await strictAdmin?.close();
    await rig?.close();
    await receiver?.close();
  });

  it('dead-letters a delivery to 127.0.0.1 and to a name resolving to loopback at once, as address-refused, without connecting', async () => {
    const incidentId = await openIncident(manager, 'Deliveries that must not leave');
    const letters = await deadLettersOf(viewer, incidentId, 2);
    expect(
      letters
        .map((letter) => [new URL(letter.target).hostname, letter.status, letter.attempts, letter.lastError])
        .sort(),
    ).toEqual([
      ['127.0.0.1', 'failed', 1, 'address-refused'],
      ['localhost', 'failed', 1, 'address-refused'],
    ]);
    expect(receiver.connections()).toBe(0);
    expect(receiver.received).toEqual([]);
  });

  it('refuses such URLs at registration with webhook-url-not-allowed', async () => {
    const bearer = `Bearer ${await rig.token('operator')}`;
    const patch = (webhookUrl: string) =>
      request(strictAdminUrl)
        .patch(`/admin/v1/tenants/${TENANT}`)
        .set('Authorization', bearer)
        .send({ contacts: [{ name: 'Vakt', webhookUrl }] });
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/hooks',
      'https://[::1]/hooks',
      'https://localhost/hooks',
    ]) {
      const refused = await patch(url).expect(400);
      expect(refused.body).toMatchObject({
        code: 'webhook-url-not-allowed',
        detail: 'contacts.0.webhookUrl points to a loopback, private, link-local or metadata address',
        field: 'contacts.0.webhookUrl',
      });
    }
    expect((await patch('ftp://kommune.example/hooks').expect(400)).body.code).toBe('invalid-request');
    expect((await patch('https://kommune.example/hooks').expect(200)).body.contacts).toEqual([
      { id: expect.any(String), name: 'Vakt', roles: [], webhookUrl: 'https://kommune.example/hooks' },
    ]);
  });
});

describe('webhooks signed under the tenant secret (Standard Webhooks), rotated with an overlap', () => {
  const OVERLAP_SECONDS = 3;
  let rig: OnboardingRig;
  let receiver: Receiver;
  let operator: AdminClient;
  let manager: AdminClient;
  let viewer: AdminClient;
  const secrets: Record<string, string> = {};

  const deliveredFor = (incidentId: string) =>
    eventually(async () =>
      receiver.received.find((hook) => hook.path === '/ok' && hook.body.data.incidentId === incidentId),
    );

  beforeAll(async () => {
    receiver = await startReceiver((path) => (path === '/fail' ? 503 : path === '/hang' ? 'hang' : 204));
    rig = await startRig({
      worker: true,
      env: {
        WEBHOOK_ATTEMPTS: '2',
        WEBHOOK_BACKOFF_MS: '20',
        WEBHOOK_TIMEOUT_MS: '400',
        WEBHOOK_SECRET_OVERLAP_SECONDS: String(OVERLAP_SECONDS),
      },
    });
    [operator, manager, viewer] = await Promise.all([rig.as('operator'), rig.as('incident-manager'), rig.as('viewer')]);
    await operator
      .post('/admin/v1/tenants', {
        orgnr: TENANT,
        name: 'Kommune A',
        contacts: [{ name: 'Innfordring', webhookUrl: receiver.url('/ok') }],
      })
      .expect(201);
  });

  afterAll(async () => {
    await rig?.close();
    await receiver?.close();
  });

  it('answers a new secret once, to operators only, and never shows or stores it in clear again', async () => {
    expect((await viewer.post(`/admin/v1/tenants/${TENANT}/webhook-secret/rotate`).expect(403)).body.code).toBe(
      'operator-role-missing',
    );
    expect((await operator.post('/admin/v1/tenants/964338531/webhook-secret/rotate').expect(404)).body.code).toBe(
      'tenant-not-found',
    );
    const rotated = await operator.post(`/admin/v1/tenants/${TENANT}/webhook-secret/rotate`).expect(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    expect(rotated.body).toEqual({
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: expect.any(String),
      previousValidUntil: null,
    });
    secrets.first = rotated.body.secret;

    const shown = (await viewer.get(`/admin/v1/tenants/${TENANT}/webhook-secret`).expect(200)).body;
    expect(shown).toEqual({ secrets: [{ createdAt: rotated.body.createdAt, validUntil: null }] });
    const key = secrets.first.slice('whsec_'.length);
    const stored = await query<{ secret_sealed: string }>(
      rig.context.config.database.url,
      'SELECT secret_sealed FROM webhook_secrets',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].secret_sealed).toMatch(/^test-whk-1:/);
    expect(stored[0].secret_sealed).not.toContain(key);
    const audited = await query<{ details: unknown }>(
      rig.context.config.database.url,
      `SELECT details FROM audit_events WHERE operation = 'tenant.webhook-secret.rotate'`,
    );
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(key);
  });

  it('signs each delivery so that the receiver verifies it with that secret', async () => {
    const incidentId = await openIncident(manager, 'Signed notice');
    const hook = await deliveredFor(incidentId);
    expect(hook.headers['webhook-id']).toBe(hook.body.deliveryId);
    expect(hook.headers['x-delivery-id']).toBe(hook.body.deliveryId);
    expect(Math.abs(Number(hook.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect((hook.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(verifiedBy(hook, secrets)).toEqual(['first']);
    // A body changed on the way no longer verifies.
    expect(verifiedBy({ ...hook, raw: hook.raw.replace('incident.opened', 'incident.closed') }, secrets)).toEqual([]);
  });

  it('after a rotation signs with both secrets during the overlap, and with the new one alone after it', async () => {
    const rotated = (await operator.post(`/admin/v1/tenants/${TENANT}/webhook-secret/rotate`).expect(200)).body;
    secrets.second = rotated.secret;
    const overlapEnds = Date.parse(rotated.previousValidUntil);
    expect(overlapEnds - Date.parse(rotated.createdAt)).toBe(OVERLAP_SECONDS * 1000);

    const during = await deliveredFor(await openIncident(manager, 'During the overlap'));
    expect((during.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifiedBy(during, secrets).sort()).toEqual(['first', 'second']);

    await eventually(() => Date.now() > overlapEnds + 200, { timeout: OVERLAP_SECONDS * 1000 + 5000 }); // the clock past the overlap
    const after = await deliveredFor(await openIncident(manager, 'After the overlap'));
    expect((after.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(verifiedBy(after, secrets)).toEqual(['second']);
    expect((await viewer.get(`/admin/v1/tenants/${TENANT}/webhook-secret`).expect(200)).body.secrets).toEqual([
      { createdAt: rotated.createdAt, validUntil: null },
    ]);
  });

  it("shows a failure's category in lastError, never the network's or the receiver's own words", async () => {
    await operator
      .patch(`/admin/v1/tenants/${TENANT}`, {
        contacts: [
          { name: 'Nede', webhookUrl: 'http://127.0.0.1:1/down' },
          { name: 'Feiler', webhookUrl: receiver.url('/fail') },
          { name: 'Henger', webhookUrl: receiver.url('/hang') },
        ],
      })
      .expect(200);
    const incidentId = await openIncident(manager, 'Receivers in trouble');
    const letters = await deadLettersOf(viewer, incidentId, 3);
    const byPath = Object.fromEntries(
      letters.map((letter) => [new URL(letter.target).pathname, [letter.attempts, letter.lastError]]),
    );
    expect(byPath).toEqual({ '/down': [2, 'connection-failed'], '/fail': [2, 'http-5xx'], '/hang': [2, 'timeout'] });
    const rows = await query<{ last_error: string }>(
      rig.context.config.database.url,
      'SELECT last_error FROM webhook_deliveries WHERE last_error IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const { last_error } of rows) expect(last_error).toMatch(/^[a-z0-9-]+$/);
  });
});
