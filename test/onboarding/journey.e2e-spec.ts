import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { registerPlatformClient } from '../maskinporten/support.js';
import { listen } from '../support/test-context.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import pg from 'pg';
import {
  type AdminClient,
  declarationBody,
  verifiedDelegation,
  termsBody,
  eventually,
  type OnboardingRig,
  signedPdf,
  startRig,
  SUPPLIER,
} from './support.js';

const KOMMUNE = '964338531';
const SCOPE = 'skatteetaten:inntekt';
const INNTEKT = `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`;
const OTHER = '942110464'; // Trondheim
/** A parsed JSON answer, read as the tests' expectations say. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PDF = signedPdf('Kommune J');
const CONTACTS = [
  {
    name: 'Kari Teknisk',
    email: 'kari@kommune-j.no',
    phone: '+47 900 00 001',
    roles: ['technical'],
    webhookUrl: 'https://kommune-j.example/hooks',
  },
];

/**
 * Issue 5's and issue 15's acceptance path: a municipality goes from nothing to a successful
 * gateway call using only HTTP (admin API, simulator control API, gateway), with the intake
 * switched off as in production: the signed document is stored, the forward by e-mail recorded,
 * and the declaration is refused until its effective date. The municipality then reads its own
 * agreement and changes its contacts; the operator's later actions (suspension, suppliers,
 * succession) reach the gateway.
 */
describe('from nothing to a gateway call, over HTTP only', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let incidents: AdminClient;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  let cleanup: () => Promise<void>;
  let declarationId: string;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      env: {
        DECLARATION_FORWARD_BACKOFF_MS: '20',
        OPERATOR_SUPPORT_NAME: 'Brukerstøtte KS',
        OPERATOR_SUPPORT_EMAIL: 'support@ks.example',
      },
      prepare: async (sim) => {
        const client = await registerPlatformClient(sim.control, { clientId: 'onboarding-journey', scopes: [SCOPE] });
        cleanup = client.cleanup;
        // Notices by e-mail go to the simulator's SMTP sink.
        return { ...client.env, SMTP_URL: sim.smtpUrl, NOTICE_SWEEP_INTERVAL_MS: '100' };
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
  /** A tenant route with the municipality's own token (or a supplier's for it), on its own path or another's. */
  const tenantSend = async (
    method: string,
    path: string,
    body?: object,
    options: { orgnr?: string; supplierOrg?: string } = {},
  ): Promise<{ status: number; headers: Headers; body: Json; bytes: Buffer }> => {
    const token = await rig.sim.control.mintToken({
      consumerOrg: KOMMUNE,
      scope: 'delingsmegler:api',
      ...(options.supplierOrg ? { supplierOrg: options.supplierOrg } : {}),
    });
    const response = await fetch(`${gatewayUrl}/api/v1/${options.orgnr ?? KOMMUNE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(bytes.toString('utf8')) : {};
    return { status: response.status, headers: response.headers, body: json, bytes };
  };
  const tenantGet = (path: string, options: { orgnr?: string; supplierOrg?: string } = {}) =>
    tenantSend('GET', path, undefined, options);
  /** The gateway follows the admin API's changes through pg_notify; give it a moment. */
  const gatewaySays = (expected: { status: number; code?: string }, supplierOrg?: string) =>
    eventually(async () => {
      const got = await call(supplierOrg);
      return got.status === expected.status && got.code === expected.code ? got : undefined;
    }, 5000);

  /** The contacts got the e-mail about this step (in the simulator's SMTP sink). */
  const mailed = (subject: string) => rig.sim.control.mailAbout(subject, 'kari@kommune-j.no');

  it('refuses the municipality before it is a tenant', async () => {
    expect(await call()).toEqual({ status: 403, code: 'tenant-unknown' });
  });

  it('onboards it with the intake switched off: document, recorded forward, approval, activation; refused until the effective date, then the call succeeds', async () => {
    await admin.post('/admin/v1/terms', termsBody()).expect(201);
    await admin.post('/admin/v1/tenants', { orgnr: KOMMUNE, name: 'Kommune J', contacts: CONTACTS }).expect(201);
    const declaration = (
      await admin
        .post(
          `/admin/v1/tenants/${KOMMUNE}/declarations`,
          declarationBody({
            apis: ['inntekt'],
            legalBases: [CONTEXT_HEADERS['x-legal-basis']],
            documentSha256: PDF.sha256,
          }),
        )
        .expect(201)
    ).body;
    declarationId = declaration.id;
    await gatewaySays({ status: 403, code: 'declaration-not-active' });

    // No DECLARATION_INTAKE_URL: nothing is sent; the operator forwards by e-mail and records it.
    expect((await admin.post(`/admin/v1/declarations/${declaration.id}/forward`).expect(409)).body.code).toBe(
      'declaration-intake-off',
    );
    await admin.upload(`/admin/v1/declarations/${declaration.id}/document`, PDF.bytes).expect(201);
    const forwardPackage = (await admin.get(`/admin/v1/declarations/${declaration.id}/package`).expect(200)).body;
    expect(forwardPackage).toMatchObject({
      municipality: { orgnr: KOMMUNE, name: 'Kommune J' },
      contacts: [{ name: 'Kari Teknisk', email: 'kari@kommune-j.no', phone: '+47 900 00 001', roles: ['technical'] }],
      apis: [{ api: 'inntekt', rettighetspakke: 'saernamsmann', scope: SCOPE }],
      legalBases: [{ code: CONTEXT_HEADERS['x-legal-basis'], title: 'Vegtrafikkloven § 38 annet ledd' }],
      terms: { version: '2026-11' },
      document: { sha256: PDF.sha256, contentBase64: PDF.bytes.toString('base64') },
    });
    const recorded = await admin
      .post(`/admin/v1/declarations/${declaration.id}/record-forwarding`, {
        channel: 'email',
        reference: '<tilslutning-j@ks.example>',
        forwardedAt: '2026-12-01T09:30:00Z',
      })
      .expect(200);
    expect(recorded.body).toMatchObject({
      status: 'forwarded',
      forward: {
        status: 'delivered',
        channel: 'email',
        reference: '<tilslutning-j@ks.example>',
        intakeReference: null,
      },
    });
    await mailed('Tilslutningserklæringen er videresendt til Skatteetaten');
    await admin.post(`/admin/v1/declarations/${declaration.id}/approve`, { reference: 'SKE-42' }).expect(200);
    await mailed('Skatteetaten har godkjent tilslutningserklæringen');
    const effectiveFrom = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await admin.post(`/admin/v1/declarations/${declaration.id}/activate`, { effectiveFrom }).expect(200);
    await mailed('Tilgangen til Skatteetatens delingstjenester er aktivert');

    // The municipality grants and delegates the scope (Skatteetaten and Altinn: the simulator here).
    await verifiedDelegation(rig, admin, KOMMUNE, 'inntekt', SCOPE);

    // Active, but not in force before its date: refused, audited, and /status says from when.
    await gatewaySays({ status: 403, code: 'declaration-not-yet-effective' });
    const status = await tenantGet('/status');
    expect(status.body.declaration).toEqual({ status: 'active', effectiveFrom, inForce: false });
    expect(status.body.apis.find((api: { api: string }) => api.api === 'inntekt')).toMatchObject({
      usable: false,
      code: 'declaration-not-yet-effective',
      effectiveFrom,
    });
    const auditor = await rig.as('auditor');
    const events = (await auditor.get(`/admin/v1/audit?tenant=${KOMMUNE}`).expect(200)).body.items as Array<{
      decision: string;
      reasonCode: string | null;
      httpStatus: number | null;
    }>;
    expect(events).toContainEqual(
      expect.objectContaining({ decision: 'deny', reasonCode: 'declaration-not-yet-effective', httpStatus: 403 }),
    );

    // The date comes (no test clock: the row is moved to today in Norway, as the schema owner).
    const owner = new pg.Client({ connectionString: rig.context.ownerUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(
        `UPDATE declarations SET effective_from = (now() AT TIME ZONE 'Europe/Oslo')::date WHERE id = $1`,
        [declaration.id],
      );
      await owner.query(`SELECT pg_notify('delingsmegler_policy', $1)`, [KOMMUNE]);
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    expect(await gatewaySays({ status: 200 })).toEqual({ status: 200, code: undefined });
    expect((await tenantGet('/status')).body.declaration).toMatchObject({ status: 'active', inForce: true });
  });

  it('lets the municipality read its own agreement and download its signed document with its API token', async () => {
    const agreement = await tenantGet('/agreement');
    expect(agreement.status).toBe(200);
    expect(agreement.body).toMatchObject({
      orgnr: KOMMUNE,
      name: 'Kommune J',
      status: 'active',
      declarations: [
        {
          id: declarationId,
          status: 'active',
          inForce: true,
          termsVersion: '2026-11',
          forwardedAt: '2026-12-01T09:30:00.000Z',
          decidedAt: expect.any(String),
          document: {
            sha256: PDF.sha256,
            sizeBytes: PDF.bytes.length,
            href: `/api/v1/${KOMMUNE}/agreement/declarations/${declarationId}/document`,
          },
        },
      ],
      terms: { signed: [{ version: '2026-11' }], current: { version: '2026-11' } },
      contacts: [{ id: expect.any(String), name: 'Kari Teknisk', roles: ['technical'], phone: '+47 900 00 001' }],
      suppliers: [],
      support: { name: 'Brukerstøtte KS', email: 'support@ks.example' },
    });
    const document = await tenantGet(`/agreement/declarations/${declarationId}/document`);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect(document.bytes.equals(PDF.bytes)).toBe(true);
    expect((await tenantGet(`/agreement/declarations/00000000-0000-4000-8000-000000000000/document`)).body.code).toBe(
      'document-not-found',
    );
  });

  it("lets it update its own contacts' details (audited with the change), and nothing else", async () => {
    const contactId = (await tenantGet('/agreement')).body.contacts[0].id as string;
    const patched = await tenantSend('PATCH', `/agreement/contacts/${contactId}`, {
      email: 'kari.ny@kommune-j.no',
      roles: ['technical', 'security'],
      phone: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      id: contactId,
      name: 'Kari Teknisk',
      email: 'kari.ny@kommune-j.no',
      phone: null,
      roles: ['technical', 'security'],
    });
    const replaced = await tenantSend('PUT', `/agreement/contacts/${contactId}`, {
      name: 'Kari Nordmann',
      email: 'kari.ny@kommune-j.no',
      roles: ['data-protection-officer'],
    });
    expect(replaced.body).toMatchObject({ name: 'Kari Nordmann', roles: ['data-protection-officer'], phone: null });
    // The operator's view shows the change; the webhook stays the operator's setting.
    const tenant = (await admin.get(`/admin/v1/tenants/${KOMMUNE}`).expect(200)).body;
    expect(tenant.contacts).toEqual([
      {
        id: contactId,
        name: 'Kari Nordmann',
        email: 'kari.ny@kommune-j.no',
        roles: ['data-protection-officer'],
        webhookUrl: 'https://kommune-j.example/hooks',
      },
    ]);
    const auditor = await rig.as('auditor');
    const events = (await auditor.get(`/admin/v1/audit?tenant=${KOMMUNE}`).expect(200)).body.items as Array<{
      operation: string;
      decision: string;
      details: { contactId?: string; changed?: string[] } | null;
    }>;
    expect(events).toContainEqual(
      expect.objectContaining({
        operation: 'agreement.contact-update',
        decision: 'allow',
        details: expect.objectContaining({ contactId, changed: ['name', 'roles'] }),
      }),
    );
    expect((await tenantSend('PATCH', `/agreement/contacts/${contactId}`, { roles: ['chef'] })).body.code).toBe(
      'invalid-request',
    );
    expect(
      (await tenantSend('PATCH', `/agreement/contacts/${contactId}`, { webhookUrl: 'https://x.example' })).status,
    ).toBe(400);
    const unknown = await tenantSend('PATCH', '/agreement/contacts/00000000-0000-4000-8000-000000000000', {
      name: 'X',
    });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'contact-not-found' });
  });

  it("keeps another municipality's agreement, document and contacts out of reach", async () => {
    // Kommune B: a tenant with its own declaration, document and contact.
    const pdfB = signedPdf('Kommune B');
    await admin
      .post('/admin/v1/tenants', {
        orgnr: OTHER,
        name: 'Kommune B',
        contacts: [{ name: 'Berit', email: 'berit@kommune-b.no', roles: ['functional'] }],
      })
      .expect(201);
    const declarationB = (
      await admin
        .post(
          `/admin/v1/tenants/${OTHER}/declarations`,
          declarationBody({ documentSha256: pdfB.sha256, existingAgreement: true }),
        )
        .expect(201)
    ).body;
    await admin.upload(`/admin/v1/declarations/${declarationB.id}/document`, pdfB.bytes).expect(201);
    const contactB = (await admin.get(`/admin/v1/tenants/${OTHER}`).expect(200)).body.contacts[0].id as string;

    // Kommune J's token on B's path: refused by the guard before anything of B is read.
    for (const path of ['/agreement', `/agreement/declarations/${declarationB.id}/document`]) {
      const response = await tenantGet(path, { orgnr: OTHER });
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 403,
        code: 'tenant-mismatch',
      });
    }
    const onB = await tenantSend('PATCH', `/agreement/contacts/${contactB}`, { name: 'Hacked' }, { orgnr: OTHER });
    expect({ status: onB.status, code: onB.body.code }).toEqual({ status: 403, code: 'tenant-mismatch' });
    // B's ids on J's own path: not J's, so not found.
    expect((await tenantGet(`/agreement/declarations/${declarationB.id}/document`)).body.code).toBe(
      'document-not-found',
    );
    const viaOwnPath = await tenantSend('PATCH', `/agreement/contacts/${contactB}`, { name: 'Hacked' });
    expect({ status: viaOwnPath.status, code: viaOwnPath.body.code }).toEqual({
      status: 404,
      code: 'contact-not-found',
    });
    expect((await admin.get(`/admin/v1/tenants/${OTHER}`).expect(200)).body.contacts[0].name).toBe('Berit');
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
    // The agreement is the municipality's own: not for a supplier acting for it.
    for (const path of ['/agreement', `/agreement/declarations/${declarationId}/document`]) {
      const response = await tenantGet(path, { supplierOrg: SUPPLIER });
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 403,
        code: 'agreement-not-for-suppliers',
      });
    }
    const contactId = (await tenantGet('/agreement')).body.contacts[0].id as string;
    const patch = await tenantSend(
      'PATCH',
      `/agreement/contacts/${contactId}`,
      { name: 'X' },
      { supplierOrg: SUPPLIER },
    );
    expect({ status: patch.status, code: patch.body.code }).toEqual({
      status: 403,
      code: 'agreement-not-for-suppliers',
    });
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
