import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type AdminClient, declarationBody, type OnboardingRig, startRig, SUPPLIER, TENANT } from './support.js';

interface EventRow {
  kind: string;
  tenant_orgnr: string | null;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  operation: string;
  decision: string;
  details: { before: unknown; after: unknown };
}

describe('every operator action is an audit event: who, role, what, before and after', () => {
  let rig: OnboardingRig;
  let operator: AdminClient;
  let incidents: AdminClient;
  let db: pg.Client;

  beforeAll(async () => {
    rig = await startRig();
    [operator, incidents] = await Promise.all([rig.as('operator', 'viewer'), rig.as('incident-manager')]);
    db = new pg.Client({ connectionString: rig.context.config.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await rig.close();
  });

  const events = async (operation: string): Promise<EventRow[]> =>
    (
      await db.query(
        `SELECT kind, tenant_orgnr, actor_type, actor_id, actor_role, operation, decision, details FROM audit_events WHERE operation = $1 ORDER BY id`,
        [operation],
      )
    ).rows;

  it('records a tenant registration with the acting role and no before', async () => {
    await operator
      .post('/admin/v1/tenants', {
        orgnr: TENANT,
        name: 'Kommune A',
        contacts: [{ name: 'Innfordring', email: 'kari@a.kommune.no' }],
      })
      .expect(201);
    const [event] = await events('tenant.create');
    expect(event).toMatchObject({
      kind: 'operator-action',
      tenant_orgnr: TENANT,
      actor_type: 'operator',
      actor_id: 'op-operator,viewer@example.no',
      actor_role: 'operator',
      decision: 'allow',
    });
    expect(event.details.before).toBeNull();
    expect(event.details.after).toMatchObject({ orgnr: TENANT, name: 'Kommune A', status: 'active' });
    expect(JSON.stringify(event.details)).not.toContain('kari@a.kommune.no');
  });

  it('records a suspension with the state before and after', async () => {
    await incidents.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'incident' }).expect(200);
    const [event] = await events('tenant.suspend');
    expect(event).toMatchObject({ actor_role: 'incident-manager', tenant_orgnr: TENANT });
    expect(event.details).toMatchObject({ before: { status: 'active' }, after: { status: 'suspended' } });
  });

  it('records terms (platform-wide, no tenant), declarations and suppliers; the signer stays out', async () => {
    await operator
      .post('/admin/v1/terms', { version: '2026-11', changelog: 'Første', requiresResign: false })
      .expect(201);
    const declaration = (await operator.post(`/admin/v1/tenants/${TENANT}/declarations`, declarationBody()).expect(201))
      .body;
    await operator.post(`/admin/v1/declarations/${declaration.id}/terminate`, { reason: 'feil' }).expect(200);
    await operator
      .post(`/admin/v1/tenants/${TENANT}/suppliers`, { orgnr: SUPPLIER, name: 'Innfordring AS' })
      .expect(201);
    await operator.delete(`/admin/v1/tenants/${TENANT}/suppliers/${SUPPLIER}`).expect(204);
    expect((await events('terms.publish'))[0]).toMatchObject({
      tenant_orgnr: null,
      details: { after: { version: '2026-11' } },
    });
    const [created] = await events('declaration.create');
    expect(created.details.after).toMatchObject({ status: 'received', signedBy: '[redacted]' });
    expect((await events('declaration.terminate'))[0].details).toMatchObject({
      before: { status: 'received' },
      after: { status: 'terminated' },
    });
    expect((await events('supplier.remove'))[0].details).toMatchObject({ before: { orgnr: SUPPLIER }, after: null });
  });

  it('records nothing for a refused action', async () => {
    await operator.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Dup', contacts: [] }).expect(409);
    await operator.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'x' }).expect(403);
    expect(await events('tenant.create')).toHaveLength(1);
    expect(await events('tenant.suspend')).toHaveLength(1);
  });
});
