import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createGatewayApp } from '#gateway';
import { registerPlatformClient } from '../maskinporten/support.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import { listen } from '../support/test-context.js';
import {
  type AdminClient,
  declarationBody,
  verifiedDelegation,
  eventually,
  termsBody,
  type OnboardingRig,
  startRig,
  SUPPLIER,
} from './support.js';

const KOMMUNE = '964338531'; // Bergen, on the list of municipalities
const SUCCESSOR = '958935420'; // Oslo
const NOT_A_MUNICIPALITY = '974760673'; // a valid orgnr, not a municipality's main entity
const SCOPE = 'skatteetaten:inntekt';
const INNTEKT = `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`;
const SHA_V2 = 'b'.repeat(64);

interface StatusBody {
  terms: {
    signedVersion?: string;
    resignRequired: Array<{ version: string; resignBy: string; overdue: boolean }>;
    warnings?: string[];
  };
}

/**
 * Issue 15, items 3 and 5 over HTTP: a terms version with resignBy warns in /status and still
 * allows calls, refuses them with terms-not-signed after the deadline, and allows them again once
 * the declaration is signed anew; tenants must be municipalities unless the operator overrides
 * with a recorded reason; a merger carries declarations, delegations, suppliers and contacts.
 */
describe('terms as published, eligibility and succession', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let viewer: AdminClient;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  let db: pg.Client;
  let declarationId: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      prepare: async (sim) => {
        const client = await registerPlatformClient(sim.control, { clientId: 'terms-eligibility', scopes: [SCOPE] });
        cleanup = client.cleanup;
        return client.env;
      },
    });
    gateway = await createGatewayApp(rig.context.config);
    gatewayUrl = await listen(gateway);
    [admin, viewer] = await Promise.all([rig.as('operator'), rig.as('viewer')]);
    db = new pg.Client({ connectionString: rig.context.config.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.close();
    await rig?.close();
    await cleanup?.();
  });

  const auditOf = async (
    operation: string,
  ): Promise<Array<{ tenant_orgnr: string | null; actor_id: string; details: Record<string, unknown> }>> =>
    (
      await db.query('SELECT tenant_orgnr, actor_id, details FROM audit_events WHERE operation = $1 ORDER BY id', [
        operation,
      ])
    ).rows;

  const token = () => rig.sim.control.mintToken({ consumerOrg: KOMMUNE, scope: 'delingsmegler:api' });
  const call = async (): Promise<{ status: number; code?: string }> => {
    const response = await fetch(`${gatewayUrl}${INNTEKT}`, {
      headers: { authorization: `Bearer ${await token()}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: response.status >= 400 ? body.code : undefined };
  };
  const gatewaySays = (expected: { status: number; code?: string }, timeoutMs = 8000) =>
    eventually(async () => {
      const got = await call();
      return got.status === expected.status && got.code === expected.code ? got : undefined;
    }, timeoutMs);
  const status = async (): Promise<StatusBody> => {
    const response = await fetch(`${gatewayUrl}/api/v1/${KOMMUNE}/status`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as StatusBody;
  };

  describe('eligibility', () => {
    it('refuses an orgnr that is not a municipality with 422 not-a-municipality, and records nothing', async () => {
      const response = await admin
        .post('/admin/v1/tenants', { orgnr: NOT_A_MUNICIPALITY, name: 'Ikke en kommune', contacts: [] })
        .expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'not-a-municipality', status: 422 });
      await viewer.get(`/admin/v1/tenants/${NOT_A_MUNICIPALITY}`).expect(404);
      expect(await auditOf('tenant.create')).toEqual([]);
    });

    it('registers it when the operator overrides with a reason, recorded on the tenant and in the audit event', async () => {
      const reason = 'Interkommunalt innfordringskontor for Kommune A og Kommune B';
      const created = await admin
        .post('/admin/v1/tenants', {
          orgnr: NOT_A_MUNICIPALITY,
          name: 'Innfordringskontoret',
          contacts: [],
          eligibilityOverrideReason: reason,
        })
        .expect(201);
      expect(created.body.eligibilityOverride).toEqual({
        reason,
        by: 'op-operator@example.no',
        at: expect.any(String),
      });
      expect(
        (await viewer.get(`/admin/v1/tenants/${NOT_A_MUNICIPALITY}`).expect(200)).body.eligibilityOverride.reason,
      ).toBe(reason);
      const [event] = await auditOf('tenant.create');
      expect(event).toMatchObject({ tenant_orgnr: NOT_A_MUNICIPALITY, actor_id: 'op-operator@example.no' });
      expect((event.details.after as Record<string, unknown>).eligibilityOverride).toMatchObject({ reason });
    });

    it("takes a listed municipality's kommunenummer from the list, and refuses another one", async () => {
      const mismatch = await admin
        .post('/admin/v1/tenants', { orgnr: KOMMUNE, name: 'Bergen kommune', municipalityNumber: '1201', contacts: [] })
        .expect(422);
      expect(mismatch.body.code).toBe('municipality-number-mismatch');
      const created = await admin
        .post('/admin/v1/tenants', {
          orgnr: KOMMUNE,
          name: 'Bergen kommune',
          contacts: [{ name: 'Innfordring', email: 'innfordring@bergen.kommune.example' }],
        })
        .expect(201);
      expect(created.body).toMatchObject({ municipalityNumber: '4601', eligibilityOverride: null });
    });
  });

  describe('terms with a deadline to re-sign', () => {
    it('publishes a version with its documents and endringslogg', async () => {
      const published = await admin
        .post(
          '/admin/v1/terms',
          termsBody({
            documents: [
              {
                kind: 'delingsvilkar',
                version: '3.0',
                url: 'https://www.skatteetaten.no/deling/delingsvilkar/',
                publishedOn: '2026-10-01',
                sha256: 'C'.repeat(64),
              },
              {
                kind: 'tjenestebeskrivelse',
                version: '2024-04-09',
                url: 'https://www.ks.no/tjenestebeskrivelse.pdf',
                publishedOn: '2024-04-09',
                sha256: 'd'.repeat(64),
              },
            ],
            changelogEntries: [
              {
                date: '2024-04-09',
                section: 'Store deler av tjenestebeskrivelsen',
                text: 'Partene i samarbeidet er erstattet med ny tekst.',
              },
            ],
          }),
        )
        .expect(201);
      expect(published.body).toMatchObject({
        version: '2026-11',
        documents: [{ kind: 'delingsvilkar', sha256: 'c'.repeat(64) }, { kind: 'tjenestebeskrivelse' }],
        changelogEntries: [{ date: '2024-04-09', section: 'Store deler av tjenestebeskrivelsen' }],
        requiresResign: false,
        resignBy: null,
      });
      const bad = await admin
        .post('/admin/v1/terms', {
          version: 'x1',
          changelog: 'x',
          requiresResign: false,
          resignBy: '2027-01-01T00:00:00Z',
        })
        .expect(400);
      expect(bad.body.code).toBe('invalid-request');
      const twice = await admin
        .post('/admin/v1/terms', {
          version: 'x2',
          changelog: 'x',
          requiresResign: false,
          documents: [
            {
              kind: 'bruksvilkar',
              version: '1',
              url: 'https://a.example/1',
              publishedOn: '2026-01-01',
              sha256: 'a'.repeat(64),
            },
            {
              kind: 'bruksvilkar',
              version: '2',
              url: 'https://a.example/2',
              publishedOn: '2026-01-01',
              sha256: 'a'.repeat(64),
            },
          ],
        })
        .expect(400);
      expect(twice.body.code).toBe('invalid-request');
    });

    it('has the municipality calling under the first version', async () => {
      const created = await admin
        .post(
          `/admin/v1/tenants/${KOMMUNE}/declarations`,
          declarationBody({
            apis: ['inntekt'],
            legalBases: [CONTEXT_HEADERS['x-legal-basis']],
            existingAgreement: true,
          }),
        )
        .expect(201);
      declarationId = created.body.id;
      await verifiedDelegation(rig, admin, KOMMUNE, 'inntekt', SCOPE);
      await gatewaySays({ status: 200 });
      expect((await status()).terms).toEqual({ signedVersion: '2026-11', resignRequired: [] });
    });

    it('warns in /status and still allows calls until resignBy, then refuses with terms-not-signed', async () => {
      const resignBy = new Date(Date.now() + 6000).toISOString();
      await admin
        .post('/admin/v1/terms', {
          version: '2027-01',
          effectiveFrom: new Date(Date.now() - 1000).toISOString(),
          changelog: 'Punkt 2 endret',
          requiresResign: true,
          resignBy,
        })
        .expect(201);
      const warned = await eventually(async () => {
        const body = await status();
        return body.terms.resignRequired.length > 0 ? body : undefined;
      });
      expect(warned.terms).toMatchObject({
        signedVersion: '2026-11',
        resignRequired: [{ version: '2027-01', resignBy, overdue: false }],
      });
      expect(warned.terms.warnings?.[0]).toContain('2027-01');
      expect(await call()).toEqual({ status: 200, code: undefined });

      const owed = (await viewer.get('/admin/v1/terms/2027-01/resign-owed').expect(200)).body;
      expect(owed).toEqual([
        {
          orgnr: KOMMUNE,
          name: 'Bergen kommune',
          declarationId,
          declarationStatus: 'active',
          signedVersion: '2026-11',
          resignBy,
          overdue: false,
        },
      ]);

      await gatewaySays({ status: 403, code: 'terms-not-signed' }, 15_000);
      expect((await status()).terms.resignRequired).toEqual([{ version: '2027-01', resignBy, overdue: true }]);
    });

    it('allows the calls again once the declaration is signed under the new version, and audits the signature', async () => {
      const resign = (termsVersion: string) =>
        admin.post(`/admin/v1/declarations/${declarationId}/resign`, {
          termsVersion,
          signedBy: 'Kari Nordmann',
          signedAt: '2027-01-02T10:00:00Z',
          documentSha256: SHA_V2,
        });
      const older = await resign('2026-11').expect(422);
      expect(older.body.code).toBe('terms-version-not-newer');
      const unknown = await resign('2099-01').expect(422);
      expect(unknown.body.code).toBe('terms-version-unknown');

      const signed = await resign('2027-01').expect(201);
      expect(signed.body).toMatchObject({
        declarationId,
        tenantOrgnr: KOMMUNE,
        termsVersion: '2027-01',
        documentSha256: SHA_V2,
        recordedBy: 'op-operator@example.no',
      });
      await gatewaySays({ status: 200 });
      expect((await status()).terms).toEqual({ signedVersion: '2027-01', resignRequired: [] });
      expect((await viewer.get(`/admin/v1/declarations/${declarationId}`).expect(200)).body.termsVersion).toBe(
        '2027-01',
      );
      expect((await viewer.get(`/admin/v1/declarations/${declarationId}/signatures`).expect(200)).body).toHaveLength(1);
      expect((await viewer.get('/admin/v1/terms/2027-01/resign-owed').expect(200)).body).toEqual([]);

      const [event] = await auditOf('declaration.resign');
      expect(event).toMatchObject({
        tenant_orgnr: KOMMUNE,
        details: { before: { termsVersion: '2026-11' }, after: { termsVersion: '2027-01', signedBy: '[redacted]' } },
      });
    });
  });

  describe('succession', () => {
    it('refuses a successor that is not a tenant with access', async () => {
      const response = await admin
        .post(`/admin/v1/tenants/${KOMMUNE}/succession`, { successorOrgnr: SUCCESSOR })
        .expect(422);
      expect(response.body.code).toBe('successor-not-found');
      expect((await viewer.get(`/admin/v1/tenants/${KOMMUNE}`).expect(200)).body.status).toBe('active');
    });

    it('carries declarations, delegations (to verify again), suppliers and contacts to the successor, each step audited', async () => {
      await admin
        .post(`/admin/v1/tenants/${KOMMUNE}/suppliers`, { orgnr: SUPPLIER, name: 'Innfordring AS' })
        .expect(201);
      await admin
        .post('/admin/v1/tenants', {
          orgnr: SUCCESSOR,
          name: 'Oslo kommune',
          contacts: [{ name: 'Oslo innfordring', email: 'inn@oslo.kommune.example' }],
        })
        .expect(201);

      const merged = await admin
        .post(`/admin/v1/tenants/${KOMMUNE}/succession`, { successorOrgnr: SUCCESSOR })
        .expect(200);
      expect(merged.body).toMatchObject({ status: 'succeeded', successorOrgnr: SUCCESSOR, contacts: [] });
      await gatewaySays({ status: 403, code: 'tenant-succeeded' });

      const declarations = (await viewer.get(`/admin/v1/tenants/${SUCCESSOR}/declarations`).expect(200)).body;
      expect(declarations.map((d: { id: string }) => d.id)).toEqual([declarationId]);
      expect((await viewer.get(`/admin/v1/tenants/${KOMMUNE}/declarations`).expect(200)).body).toEqual([]);
      expect((await viewer.get(`/admin/v1/tenants/${SUCCESSOR}/suppliers`).expect(200)).body).toEqual([
        expect.objectContaining({ orgnr: SUPPLIER }),
      ]);
      expect((await viewer.get(`/admin/v1/tenants/${KOMMUNE}/suppliers`).expect(200)).body).toEqual([]);
      const successor = (await viewer.get(`/admin/v1/tenants/${SUCCESSOR}`).expect(200)).body;
      expect(successor.contacts.map((c: { name: string }) => c.name)).toEqual(['Oslo innfordring', 'Innfordring']);
      // Oslo has not delegated in Altinn: the carried delegation is checked and found missing.
      const delegation = await eventually(async () => {
        const [row] = (await viewer.get(`/admin/v1/tenants/${SUCCESSOR}/delegations`).expect(200)).body;
        return row && row.status !== 'pending' ? row : undefined;
      });
      expect(delegation).toMatchObject({ api: 'inntekt', status: 'missing' });

      for (const step of ['declarations', 'delegations', 'suppliers', 'contacts']) {
        const [event] = await auditOf(`tenant.succession.${step}`);
        expect(event).toMatchObject({
          tenant_orgnr: SUCCESSOR,
          actor_id: 'op-operator@example.no',
          details: { before: { predecessor: KOMMUNE } },
        });
      }
      const [succession] = await auditOf('tenant.succession');
      expect(succession).toMatchObject({
        tenant_orgnr: KOMMUNE,
        details: { after: { status: 'succeeded', successorOrgnr: SUCCESSOR } },
      });
    });
  });
});
