import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditWriter } from '#audit';
import {
  CONTEXT_HEADERS,
  eventually,
  type GatewayRig,
  notifyPolicyChange,
  PATHS,
  startGatewayRig,
} from '../support/index.js';

const KOMMUNE = '974760673';
const TERMINATED = '938801363';
const SUSPENDED = '944117784';
const SUPPLIER_A = '920204368';
const SUPPLIER_B = '910753614';
const REVOKED = '964338531';
const PERSON = '01029413157';

/**
 * Issue 12, item 2: every tenant route passes the same guard (tenant match, tenant not terminated,
 * supplier registered) and then its own rules; a supplier sees only its own registrations; the
 * tenant's /audit names no operator; a refused context header is audited as a marker.
 */
describe('one guard for every tenant route, then each route its own rules', () => {
  let rig: GatewayRig;
  /** Registration ids: KOMMUNE's by supplier A, by supplier B and by the municipality itself; one each of TERMINATED and SUSPENDED. */
  const receipt: Record<string, string> = {};

  const sql = (text: string, params: unknown[] = []) => rig.db.query(text, params);
  const token = (orgnr: string, supplier?: string) => rig.token(orgnr, supplier);
  const get = async (path: string, bearer: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${rig.url}${path}`, { headers: { authorization: `Bearer ${bearer}`, ...headers } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { code?: string } };
  };
  const receiptPath = (orgnr: string, id: string) => `/api/v1/${orgnr}/utleggstrekk/beslutninger/${id}`;
  const storeRegistration = async (orgnr: string, key: string, supplier?: string) => {
    const { rows } = await sql(
      `INSERT INTO registrations (tenant_orgnr, caller_orgnr, idempotency_key, request_hash, operation, status, accept, context, response_status, response_body, settled_at)
       VALUES ($1, $2, $3, repeat('b', 64), 'utleggstrekk.send-beslutning', 'completed', 'application/json', $4, 201, '{"kvittering":"ok"}', now()) RETURNING id`,
      [orgnr, supplier ?? orgnr, key, JSON.stringify(supplier ? { supplierOrgnr: supplier } : {})],
    );
    return rows[0].id as string;
  };
  beforeAll(async () => {
    rig = await startGatewayRig({
      connect: [],
      tenants: {
        [KOMMUNE]: { suppliers: [SUPPLIER_A, SUPPLIER_B, REVOKED] },
        [TERMINATED]: { status: 'terminated' },
        [SUSPENDED]: { suspended: 'all' },
      },
    });
    receipt.a = await storeRegistration(KOMMUNE, 'key-a', SUPPLIER_A);
    receipt.b = await storeRegistration(KOMMUNE, 'key-b', SUPPLIER_B);
    receipt.own = await storeRegistration(KOMMUNE, 'key-own');
    receipt.terminated = await storeRegistration(TERMINATED, 'key-t');
    receipt.suspended = await storeRegistration(SUSPENDED, 'key-s');
  });

  afterAll(() => rig?.close());

  it('refuses a supplier revoked under an incident on /audit and on a registration receipt (403 supplier-not-registered), and audits the attempt', async () => {
    const revoked = await token(KOMMUNE, REVOKED);
    expect((await get(`/api/v1/${KOMMUNE}/audit`, revoked)).status).toBe(200);
    await sql(`DELETE FROM tenant_suppliers WHERE supplier_orgnr = $1`, [REVOKED]);
    await notifyPolicyChange(rig.db, KOMMUNE);
    await eventually(async () => (await get(`/api/v1/${KOMMUNE}/status`, revoked)).status === 403);

    for (const [path, correlationId] of [
      [`/api/v1/${KOMMUNE}/audit`, 'revoked-audit'],
      [receiptPath(KOMMUNE, receipt.own), 'revoked-receipt'],
      [`/api/v1/${KOMMUNE}/status`, 'revoked-status'],
    ]) {
      const { status, body } = await get(path, revoked, { 'x-correlation-id': correlationId });
      expect({ path, status, code: body.code }).toEqual({ path, status: 403, code: 'supplier-not-registered' });
      expect(JSON.stringify(body)).not.toContain(PERSON);
    }
    // The municipality's log shows that its (revoked) supplier tried.
    const { rows } = await sql(
      `SELECT actor_type, actor_id, reason_code FROM audit_events WHERE correlation_id = 'revoked-audit'`,
    );
    expect(rows).toEqual([{ actor_type: 'supplier', actor_id: REVOKED, reason_code: 'supplier-not-registered' }]);
  });

  it('refuses a terminated tenant everywhere: receipts, /audit and /status (403 tenant-terminated)', async () => {
    const own = await token(TERMINATED);
    for (const path of [
      receiptPath(TERMINATED, receipt.terminated),
      `/api/v1/${TERMINATED}/audit`,
      `/api/v1/${TERMINATED}/status`,
    ]) {
      const { status, body } = await get(path, own);
      expect({ path, status, code: body.code }).toEqual({ path, status: 403, code: 'tenant-terminated' });
      expect(body).not.toHaveProperty('response');
    }
  });

  it("answers a suspended tenant's /status with its reasons and its /audit, but refuses its receipts (403 tenant-suspended)", async () => {
    const own = await token(SUSPENDED);
    const status = await get(`/api/v1/${SUSPENDED}/status`, own);
    expect(status.status).toBe(200);
    const apis = status.body.apis as Array<{ api: string; usable: boolean; code?: string; reasons?: string[] }>;
    expect(apis.map(({ api, usable, code }) => ({ api, usable, code }))).toEqual([
      { api: 'inntekt', usable: false, code: 'tenant-suspended' },
      { api: 'summertskattegrunnlag', usable: false, code: 'tenant-suspended' },
      { api: 'utleggstrekk', usable: false, code: 'tenant-suspended' },
    ]);
    expect(apis[0].reasons).toEqual([`Tenant ${SUSPENDED} is suspended.`]);
    expect((await get(`/api/v1/${SUSPENDED}/audit`, own)).status).toBe(200);
    const refused = await get(receiptPath(SUSPENDED, receipt.suspended), own);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'tenant-suspended' });
    expect(JSON.stringify(refused.body)).not.toContain('kvittering');
  });

  it("shows a supplier only its own registrations (404 for another supplier's), and the municipality all of them", async () => {
    const [a, b, own] = await Promise.all([token(KOMMUNE, SUPPLIER_A), token(KOMMUNE, SUPPLIER_B), token(KOMMUNE)]);
    expect((await get(receiptPath(KOMMUNE, receipt.a), a)).body).toMatchObject({ id: receipt.a, status: 'completed' });
    for (const other of [receipt.b, receipt.own]) {
      const { status, body } = await get(receiptPath(KOMMUNE, other), a);
      expect({ status, code: body.code }).toEqual({ status: 404, code: 'registration-not-found' });
      expect(JSON.stringify(body)).not.toContain('kvittering');
    }
    expect((await get(receiptPath(KOMMUNE, receipt.b), b)).status).toBe(200);
    for (const id of [receipt.a, receipt.b, receipt.own])
      expect((await get(receiptPath(KOMMUNE, id), own)).body).toMatchObject({ id });
  });

  it('never shows an operator\'s identity in the tenant\'s /audit: the action, done by "operator"', async () => {
    const writer = rig.gateway.get(AuditWriter, { strict: false });
    await writer.record({
      kind: 'operator-action',
      tenantOrgnr: KOMMUNE,
      actor: { type: 'operator', id: 'kari.nordmann@operator.example', role: 'incident-manager' },
      endUser: 'kari.nordmann@operator.example',
      operation: 'tenant.suspend',
      decision: 'allow',
      correlationId: 'operator-action-1',
      details: { before: { status: 'active' }, after: { status: 'suspended' } },
    });
    const { status, body } = await get(`/api/v1/${KOMMUNE}/audit`, await token(KOMMUNE));
    expect(status).toBe(200);
    const items = body.items as Array<Record<string, unknown>>;
    expect(items.find((item) => item.correlationId === 'operator-action-1')).toMatchObject({
      kind: 'operator-action',
      operation: 'tenant.suspend',
      actor: { type: 'operator', id: 'operator', role: null },
      endUser: null,
    });
    expect(JSON.stringify(body)).not.toContain('kari.nordmann');
    expect(JSON.stringify(body)).not.toContain('incident-manager');
  });

  it('audits a request refused for a bad context header with a marker, never the value as sent (even when another rule refused first)', async () => {
    const own = await token(KOMMUNE);
    const sent = {
      ...CONTEXT_HEADERS,
      'x-purpose': '',
      'x-case-reference': `SAK ${PERSON}`,
      'x-end-user': 'saksbehandler 17054512345',
      'x-legal-basis': 'no-such-law',
      'x-correlation-id': 'bad-context-1',
    };
    const { status, body } = await get(PATHS.inntekt(KOMMUNE), own, sent);
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'purpose-missing' });
    const { rows } = await sql(
      `SELECT legal_basis, purpose, case_reference, end_user, reason_code FROM audit_events WHERE correlation_id = 'bad-context-1'`,
    );
    expect(rows).toEqual([
      {
        legal_basis: '(invalid value withheld)',
        purpose: null,
        case_reference: '(invalid value withheld)',
        end_user: '(invalid value withheld)',
        reason_code: 'purpose-missing',
      },
    ]);
    const stored = await sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE case_reference LIKE $1 OR end_user LIKE '%17054512345%'`,
      [`%${PERSON}%`],
    );
    expect(stored.rows).toEqual([{ n: 0 }]);
    // Valid headers of a refused request are kept as sent.
    await get(PATHS.inntekt(KOMMUNE), own, {
      ...CONTEXT_HEADERS,
      'x-purpose': 'marketing',
      'x-correlation-id': 'bad-context-2',
    });
    const kept = await sql(
      `SELECT legal_basis, purpose, case_reference, end_user FROM audit_events WHERE correlation_id = 'bad-context-2'`,
    );
    expect(kept.rows).toEqual([
      {
        legal_basis: 'vegtrafikkloven-38',
        purpose: '(invalid value withheld)',
        case_reference: 'SAK-2026-0042',
        end_user: 'saksbehandler-7',
      },
    ]);
  });
});
