import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type AdminClient, type OnboardingRig, OTHER_TENANT, startRig, TENANT } from '../onboarding/support.js';

/**
 * Issue 12 item 6: an operator action commits in the same transaction as its audit event. The
 * test's own database refuses the audit inserts of chosen operations (a trigger), as a failing
 * audit store would; the action must then leave nothing changed.
 */
describe('operator actions and their audit events commit together', () => {
  let rig: OnboardingRig;
  let operator: AdminClient;
  let incidents: AdminClient;
  let db: pg.Client;

  const refuseAudit = (...operations: string[]) =>
    db.query('INSERT INTO test_refused_audit_operations (operation) SELECT unnest($1::text[])', [operations]);
  const auditRows = async (operation: string) =>
    (await db.query('SELECT tenant_orgnr, incident_id FROM audit_events WHERE operation = $1', [operation])).rows;

  beforeAll(async () => {
    rig = await startRig();
    [operator, incidents] = await Promise.all([rig.as('operator'), rig.as('incident-manager')]);
    db = new pg.Client({ connectionString: rig.context.ownerUrl });
    await db.connect();
    await db.query('CREATE TABLE test_refused_audit_operations (operation text PRIMARY KEY)');
    await db.query(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM test_refused_audit_operations WHERE operation = NEW.operation) THEN
          RAISE EXCEPTION 'audit store refuses %', NEW.operation;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      'CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()',
    );
    await operator.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Kommune A', contacts: [] }).expect(201);
  });

  afterAll(async () => {
    await db?.end();
    await rig?.close();
  });

  it('a tenant registration whose audit insert fails is 503 audit-unavailable and registers nothing', async () => {
    await refuseAudit('tenant.create');
    const response = await operator
      .post('/admin/v1/tenants', { orgnr: OTHER_TENANT, name: 'Kommune B', contacts: [] })
      .expect(503);
    expect(response.body.code).toBe('audit-unavailable');
    expect((await operator.get(`/admin/v1/tenants/${OTHER_TENANT}`).expect(404)).body.code).toBe('tenant-not-found');
  });

  it('a suspension whose audit insert fails leaves the tenant active', async () => {
    await refuseAudit('tenant.suspend');
    const response = await incidents
      .post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'suspected misuse' })
      .expect(503);
    expect(response.body.code).toBe('audit-unavailable');
    expect((await operator.get(`/admin/v1/tenants/${TENANT}`).expect(200)).body).toMatchObject({
      status: 'active',
      suspendedApis: [],
    });
    expect(
      (await db.query('SELECT count(*)::int AS n FROM tenant_suspensions WHERE tenant_orgnr = $1', [TENANT])).rows[0].n,
    ).toBe(0);
    expect(await auditRows('tenant.suspend')).toEqual([]);
  });

  it('an incident action whose audit insert fails records no action, no timeline line and no suspension', async () => {
    const incident = (
      await incidents.post('/admin/v1/incidents', { severity: 'high', summary: 'Suspected misuse' }).expect(201)
    ).body as { id: string };
    const response = await incidents
      .post(`/admin/v1/incidents/${incident.id}/actions`, {
        type: 'suspend-tenant',
        tenant: TENANT,
        reason: 'contain it',
      })
      .expect(503);
    expect(response.body.code).toBe('audit-unavailable');
    const detail = (await incidents.get(`/admin/v1/incidents/${incident.id}`).expect(200)).body as {
      actions: unknown[];
      timeline: Array<{ kind: string }>;
      affectedTenants: string[];
    };
    expect(detail.actions).toEqual([]);
    expect(detail.timeline.map((entry) => entry.kind)).toEqual(['opened']);
    expect(detail.affectedTenants).toEqual([]);
    expect((await operator.get(`/admin/v1/tenants/${TENANT}`).expect(200)).body.status).toBe('active');
  });

  it('with the audit store accepting again, the same suspension commits with its one audit event', async () => {
    await db.query('DELETE FROM test_refused_audit_operations');
    await incidents.post(`/admin/v1/tenants/${TENANT}/suspend`, { reason: 'suspected misuse' }).expect(200);
    expect((await operator.get(`/admin/v1/tenants/${TENANT}`).expect(200)).body.status).toBe('suspended');
    expect(await auditRows('tenant.suspend')).toEqual([{ tenant_orgnr: TENANT, incident_id: null }]);
  });
});
