import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { PLATFORM_ORG, registerPlatformClient } from '../maskinporten/support.js';
import { listen } from '../support/test-context.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import { type AdminClient, declarationBody, eventually, type OnboardingRig, startRig, SUPPLIER } from './support.js';

const KOMMUNE = '964338531';
const SCOPE = 'skatteetaten:inntekt';
const INNTEKT = `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`;

/**
 * Issue 5's acceptance path: a municipality goes from nothing to a successful gateway call using
 * only HTTP (admin API, simulator control API, gateway); then the operator's later actions
 * (suspension, suppliers, succession) reach the gateway.
 */
describe('from nothing to a gateway call, over HTTP only', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let incidents: AdminClient;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      env: { DECLARATION_FORWARD_BACKOFF_MS: '20' },
      prepare: async (sim) => {
        const client = await registerPlatformClient(sim.control, { clientId: 'onboarding-journey', scopes: [SCOPE] });
        cleanup = client.cleanup;
        return client.env;
      },
    });
    gateway = await createGatewayApp(rig.context.config);
    gatewayUrl = await listen(gateway);
    [admin, incidents] = await Promise.all([rig.as('operator'), rig.as('incident-manager')]);
  });

  afterAll(async () => {
    await gateway?.close();
    await rig?.close();
    await cleanup?.();
  });

  const call = async (supplierOrg?: string): Promise<{ status: number; code?: string }> => {
    const token = await rig.sim.control.mintToken({
      consumerOrg: KOMMUNE,
      scope: 'delingsmegler:api',
      ...(supplierOrg ? { supplierOrg } : {}),
    });
    const response = await fetch(`${gatewayUrl}${INNTEKT}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: response.status >= 400 ? body.code : undefined };
  };
  /** The gateway follows the admin API's changes through pg_notify; give it a moment. */
  const gatewaySays = (expected: { status: number; code?: string }, supplierOrg?: string) =>
    eventually(async () => {
      const got = await call(supplierOrg);
      return got.status === expected.status && got.code === expected.code ? got : undefined;
    }, 5000);

  it('refuses the municipality before it is a tenant', async () => {
    expect(await call()).toEqual({ status: 403, code: 'tenant-unknown' });
  });

  it('onboards it: terms, tenant, declaration through the intake, delegation; then the call succeeds', async () => {
    await admin
      .post('/admin/v1/terms', {
        version: '2026-11',
        publishedAt: '2026-11-01T00:00:00Z',
        changelog: 'Første versjon',
        requiresResign: false,
      })
      .expect(201);
    await admin.post('/admin/v1/tenants', { orgnr: KOMMUNE, name: 'Kommune J', contacts: [] }).expect(201);
    const declaration = (
      await admin
        .post(
          `/admin/v1/tenants/${KOMMUNE}/declarations`,
          declarationBody({ apis: ['inntekt'], legalBases: [CONTEXT_HEADERS['x-legal-basis']] }),
        )
        .expect(201)
    ).body;
    await gatewaySays({ status: 403, code: 'declaration-not-active' });

    await admin.post(`/admin/v1/declarations/${declaration.id}/forward`).expect(202);
    await eventually(async () =>
      (await admin.get(`/admin/v1/declarations/${declaration.id}`).expect(200)).body.status === 'forwarded'
        ? true
        : undefined,
    );
    await admin.post(`/admin/v1/declarations/${declaration.id}/approve`, { reference: 'SKE-42' }).expect(200);
    await admin.post(`/admin/v1/declarations/${declaration.id}/activate`, { effectiveFrom: '2026-12-01' }).expect(200);

    // The municipality grants and delegates the scope (Skatteetaten and Altinn: the simulator here).
    await rig.sim.control.grantScope(KOMMUNE, SCOPE);
    await rig.sim.control.delegate({ consumerOrg: KOMMUNE, supplierOrg: PLATFORM_ORG, scope: SCOPE });
    await admin.post(`/admin/v1/tenants/${KOMMUNE}/delegations`, { api: 'inntekt' }).expect(202);
    await eventually(async () =>
      (await admin.get(`/admin/v1/tenants/${KOMMUNE}/delegations`).expect(200)).body[0]?.status === 'verified'
        ? true
        : undefined,
    );

    expect(await gatewaySays({ status: 200 })).toEqual({ status: 200, code: undefined });
  });

  it('stops and restarts the calls when the tenant is suspended and resumed', async () => {
    await incidents.post(`/admin/v1/tenants/${KOMMUNE}/suspend`, { reason: 'incident' }).expect(200);
    await gatewaySays({ status: 403, code: 'tenant-suspended' });
    await incidents.post(`/admin/v1/tenants/${KOMMUNE}/resume`, { reason: 'resolved' }).expect(200);
    await gatewaySays({ status: 200 });
  });

  it('lets a supplier call only while it is registered for the municipality', async () => {
    await gatewaySays({ status: 403, code: 'supplier-not-registered' }, SUPPLIER);
    await admin.post(`/admin/v1/tenants/${KOMMUNE}/suppliers`, { orgnr: SUPPLIER, name: 'Innfordring AS' }).expect(201);
    await gatewaySays({ status: 200 }, SUPPLIER);
    await admin.delete(`/admin/v1/tenants/${KOMMUNE}/suppliers/${SUPPLIER}`).expect(204);
    await gatewaySays({ status: 403, code: 'supplier-not-registered' }, SUPPLIER);
  });

  it('stops the calls when terms requiring a new signature come into force, until the municipality signs them', async () => {
    await admin
      .post('/admin/v1/terms', {
        version: '2027-01',
        effectiveFrom: new Date(Date.now() - 1000).toISOString(),
        changelog: 'Punkt 2 endret',
        requiresResign: true,
      })
      .expect(201);
    await gatewaySays({ status: 403, code: 'terms-not-signed' });
    const resigned = declarationBody({
      termsVersion: '2027-01',
      apis: ['inntekt'],
      legalBases: [CONTEXT_HEADERS['x-legal-basis']],
      existingAgreement: true,
    });
    await admin.post(`/admin/v1/tenants/${KOMMUNE}/declarations`, resigned).expect(201);
    await gatewaySays({ status: 200 });
  });

  it('ends access when the municipality is merged into another', async () => {
    await admin.post('/admin/v1/tenants', { orgnr: '958935420', name: 'Oslo kommune', contacts: [] }).expect(201);
    await admin.post(`/admin/v1/tenants/${KOMMUNE}/succession`, { successorOrgnr: '958935420' }).expect(200);
    await gatewaySays({ status: 403, code: 'tenant-succeeded' });
  });
});
