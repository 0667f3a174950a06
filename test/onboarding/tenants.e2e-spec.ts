import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { POLICY_CHANGE_CHANNEL } from '#tenancy';
import {
  type AdminClient,
  declarationBody,
  type OnboardingRig,
  OTHER_TENANT,
  startRig,
  SUPPLIER,
  TENANT,
} from './support.js';
import { notificationsSettled } from '../support/db.js';
import { consistently, eventually } from '../support/eventually.js';

describe('tenants: registration, details, suspension, succession and suppliers', () => {
  let rig: OnboardingRig;
  let operator: AdminClient;
  let incidents: AdminClient;
  let viewer: AdminClient;
  let listener: pg.Client;
  const heard: string[] = [];

  beforeAll(async () => {
    rig = await startRig();
    [operator, incidents, viewer] = await Promise.all([
      rig.as('operator'),
      rig.as('incident-manager'),
      rig.as('viewer'),
    ]);
    listener = new pg.Client({ connectionString: rig.context.config.database.url });
    await listener.connect();
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query(`LISTEN ${POLICY_CHANGE_CHANNEL}`);
  });

  afterAll(async () => {
    await listener.end();
    await rig.close();
  });

  async function notified(payload: string, action: () => Promise<unknown>): Promise<void> {
    heard.length = 0;
    await action();
    await eventually(() => heard.includes(payload), { timeout: 3000, interval: 20 });
  }

  it('registers a municipality, notifying the policy state, and shows it to a viewer', async () => {
    await notified(TENANT, () =>
      operator
        .post('/admin/v1/tenants', {
          orgnr: TENANT,
          name: 'Kommune A',
          municipalityNumber: '0301',
          contacts: [{ name: 'Innfordring', email: 'inn@a.kommune.no' }],
        })
        .expect(201),
    );
    const one = await viewer.get(`/admin/v1/tenants/${TENANT}`).expect(200);
    expect(one.body).toMatchObject({
      orgnr: TENANT,
      name: 'Kommune A',
      municipalityNumber: '0301',
      status: 'active',
      suspendedApis: [],
      ratePerMinute: null,
      successorOrgnr: null,
    });
    const list = await viewer.get('/admin/v1/tenants').expect(200);
    expect(list.body.map((tenant: { orgnr: string }) => tenant.orgnr)).toEqual([TENANT]);
  });

  it('answers a duplicate with 409 tenant-exists', async () => {
    const response = await operator
      .post('/admin/v1/tenants', { orgnr: TENANT, name: 'Again', contacts: [] })
      .expect(409);
    expect(response.body.code).toBe('tenant-exists');
  });

  it.each([['974760674'], ['12345678'], ['000000000']])(
    'answers the invalid orgnr %s with 400 invalid-orgnr',
    async (orgnr) => {
      const response = await operator.post('/admin/v1/tenants', { orgnr, name: 'X', contacts: [] }).expect(400);
      expect(response.body.code).toBe('invalid-orgnr');
      expect((await viewer.get(`/admin/v1/tenants/${orgnr}`).expect(400)).body.code).toBe('invalid-orgnr');
    },
  );

  it('refuses unknown fields and bad contacts with 400 invalid-request', async () => {
    expect(
      (await operator.post('/admin/v1/tenants', { orgnr: OTHER_TENANT, name: 'B', contacts: [], extra: 1 }).expect(400))
        .body.code,
    ).toBe('invalid-request');
    expect(
      (
        await operator
          .post('/admin/v1/tenants', { orgnr: OTHER_TENANT, name: 'B', contacts: [{ email: 'x' }] })
          .expect(400)
      ).body.code,
    ).toBe('invalid-request');
  });

  it('answers an unknown tenant with 404 tenant-not-found', async () => {
    expect((await viewer.get(`/admin/v1/tenants/${OTHER_TENANT}`).expect(404)).body.code).toBe('tenant-not-found');
  });

  it('changes name, contacts and the operator-set rate, and back to the default with null', async () => {
    const changed = await operator
      .patch(`/admin/v1/tenants/${TENANT}`, { name: 'Kommune A (ny)', ratePerMinute: 120, contacts: [] })
      .expect(200);
    expect(changed.body).toMatchObject({ name: 'Kommune A (ny)', ratePerMinute: 120, contacts: [] });
    const reset = await operator.patch(`/admin/v1/tenants/${TENANT}`, { ratePerMinute: null }).expect(200);
    expect(reset.body).toMatchObject({ name: 'Kommune A (ny)', ratePerMinute: null });
    expect((await operator.patch(`/admin/v1/tenants/${TENANT}`, { ratePerMinute: 0 }).expect(400)).body.code).toBe(
      'invalid-request',
    );
  });

  it('suspends some APIs, then all, and resumes them step by step', async () => {
    await notified(TENANT, () =>
      incidents.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'incident 1', apis: ['inntekt'] }).expect(200),
    );
    let tenant = (await viewer.get(`/admin/v1/tenants/${TENANT}`).expect(200)).body;
    expect(tenant).toMatchObject({ status: 'active', suspendedApis: ['inntekt'] });

    tenant = (await incidents.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'incident 2' }).expect(200)).body;
    expect(tenant).toMatchObject({ status: 'suspended', suspendedApis: ['inntekt'] });
    expect(tenant.suspensions).toHaveLength(2);

    tenant = (
      await incidents.post(`/admin/v1/tenants/${TENANT}/resume`, { reason: 'api fixed', apis: ['inntekt'] }).expect(200)
    ).body;
    expect(tenant).toMatchObject({ status: 'suspended', suspendedApis: [] });

    tenant = (await incidents.post(`/admin/v1/tenants/${TENANT}/resume`, { reason: 'all clear' }).expect(200)).body;
    expect(tenant).toMatchObject({ status: 'active', suspendedApis: [], suspensions: [] });

    const nothing = await incidents.post(`/admin/v1/tenants/${TENANT}/resume`, { reason: 'again' }).expect(409);
    expect(nothing.body).toMatchObject({
      code: 'invalid-transition',
      currentStatus: 'active',
      allowed: ['suspend', 'succession', 'terminate'],
    });
  });

  it('refuses an operator without incident-manager on suspend', async () => {
    expect((await operator.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'x' }).expect(403)).body.code).toBe(
      'operator-role-missing',
    );
  });

  it('adds a supplier (409 twice), lists it, removes it (404 twice)', async () => {
    await notified(TENANT, () =>
      operator.post(`/admin/v1/tenants/${TENANT}/suppliers`, { orgnr: SUPPLIER, name: 'Innfordring AS' }).expect(201),
    );
    expect(
      (await operator.post(`/admin/v1/tenants/${TENANT}/suppliers`, { orgnr: SUPPLIER, name: 'Again' }).expect(409))
        .body.code,
    ).toBe('supplier-exists');
    expect(
      (await operator.post(`/admin/v1/tenants/${TENANT}/suppliers`, { orgnr: '910753615', name: 'Bad' }).expect(400))
        .body.code,
    ).toBe('invalid-orgnr');
    const list = await viewer.get(`/admin/v1/tenants/${TENANT}/suppliers`).expect(200);
    expect(list.body).toEqual([
      { tenantOrgnr: TENANT, orgnr: SUPPLIER, name: 'Innfordring AS', createdAt: expect.any(String) },
    ]);
    await notified(TENANT, () => operator.delete(`/admin/v1/tenants/${TENANT}/suppliers/${SUPPLIER}`).expect(204));
    expect((await viewer.get(`/admin/v1/tenants/${TENANT}/suppliers`).expect(200)).body).toEqual([]);
    expect((await operator.delete(`/admin/v1/tenants/${TENANT}/suppliers/${SUPPLIER}`).expect(404)).body.code).toBe(
      'supplier-not-found',
    );
  });

  it("keeps one tenant's suppliers from another's", async () => {
    await operator.post('/admin/v1/tenants', { orgnr: OTHER_TENANT, name: 'Kommune B', contacts: [] }).expect(201);
    await operator
      .post(`/admin/v1/tenants/${OTHER_TENANT}/suppliers`, { orgnr: SUPPLIER, name: 'Innfordring AS' })
      .expect(201);
    expect((await viewer.get(`/admin/v1/tenants/${TENANT}/suppliers`).expect(200)).body).toEqual([]);
    expect((await operator.delete(`/admin/v1/tenants/${TENANT}/suppliers/${SUPPLIER}`).expect(404)).body.code).toBe(
      'supplier-not-found',
    );
  });

  it('marks a merged municipality as succeeded; its access ends and nothing more can be done to it', async () => {
    expect(
      (
        await operator
          .post(`/admin/v1/tenants/${OTHER_TENANT}/succession`, { successorOrgnr: OTHER_TENANT })
          .expect(400)
      ).body.code,
    ).toBe('invalid-request');
    const merged = await operator
      .post(`/admin/v1/tenants/${OTHER_TENANT}/succession`, { successorOrgnr: TENANT })
      .expect(200);
    expect(merged.body).toMatchObject({ status: 'succeeded', successorOrgnr: TENANT, succeededAt: expect.any(String) });
    const again = await operator
      .post(`/admin/v1/tenants/${OTHER_TENANT}/succession`, { successorOrgnr: TENANT })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'invalid-transition', allowed: [] });
    expect(
      (await incidents.post(`/admin/v1/tenants/${OTHER_TENANT}/suspend`, { reason: 'x' }).expect(409)).body.code,
    ).toBe('invalid-transition');
  });

  it('terminates a tenant for good, with its open declarations', async () => {
    const third = '964338531';
    await operator.post('/admin/v1/tenants', { orgnr: third, name: 'Kommune C', contacts: [] }).expect(201);
    await operator.post('/admin/v1/terms', { version: 't1', changelog: 'x', requiresResign: false }).expect(201);
    const declaration = (
      await operator
        .post(
          `/admin/v1/tenants/${third}/declarations`,
          declarationBody({ termsVersion: 't1', existingAgreement: true }),
        )
        .expect(201)
    ).body;
    expect((await operator.post(`/admin/v1/tenants/${third}/terminate`, {}).expect(400)).body.code).toBe(
      'invalid-request',
    );
    await notified(third, () =>
      operator.post(`/admin/v1/tenants/${third}/terminate`, { reason: 'vilkår brutt' }).expect(200),
    );
    expect((await viewer.get(`/admin/v1/tenants/${third}`).expect(200)).body.status).toBe('terminated');
    expect((await viewer.get(`/admin/v1/declarations/${declaration.id}`).expect(200)).body).toMatchObject({
      status: 'terminated',
      statusReason: 'vilkår brutt',
    });
    expect(
      (await operator.post(`/admin/v1/tenants/${third}/terminate`, { reason: 'again' }).expect(409)).body,
    ).toMatchObject({ code: 'invalid-transition', allowed: [] });
    expect(
      (
        await operator
          .post(`/admin/v1/tenants/${third}/declarations`, declarationBody({ termsVersion: 't1' }))
          .expect(409)
      ).body.code,
    ).toBe('invalid-transition');
  });

  it('emits no notification for a write that fails', async () => {
    heard.length = 0;
    await operator.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Dup', contacts: [] }).expect(409);
    // Anything the failed write sent arrives before the marker (no gateway listens here to mind it).
    const marker = await notificationsSettled(listener, POLICY_CHANGE_CHANNEL);
    await consistently(() => expect(heard).toEqual([marker]), { duration: 200 });
  });
});
