import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createAdminApp } from '#admin';
import { type AuditEventInput, AuditWriter } from '#audit';
import { createDataSourceOptions } from '#database';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const KOMMUNE_A = '974760673';
const KOMMUNE_B = '971526920';
const PERSON = '01029413157';
const SOMEONE_ELSE = '13097248022';

const lookup = (tenant: string, subject: string, correlationId: string): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent',
  caseReference: `SAK-${correlationId}`,
  decision: 'allow',
  subject,
  correlationId,
  policyVersion: 'p-7',
});

interface Page {
  items: Array<Record<string, unknown> & { id: string }>;
  nextCursor: string | null;
}

describe('GET /admin/v1/audit (auditor)', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let admin: NestFastifyApplication;
  let adminUrl: string;
  let observer: DataSource;
  let auditor: string;

  const get = (query: string, token?: string) =>
    fetch(`${adminUrl}/admin/v1/audit${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    sim = await startSimulator();
    context = await createTestContext({ SIMULATOR_PUBLIC_URL: sim.url, MASKINPORTEN_ISSUER: sim.maskinportenIssuer });
    admin = await createAdminApp(context.config);
    adminUrl = await listen(admin);
    observer = await new DataSource(createDataSourceOptions(context.config.database)).initialize();
    const writer = admin.get(AuditWriter, { strict: false });
    await writer.record(lookup(KOMMUNE_A, PERSON, 'a-person'));
    await writer.record(lookup(KOMMUNE_B, SOMEONE_ELSE, 'b-other'));
    await writer.record(lookup(KOMMUNE_B, PERSON, 'b-person'));
    await writer.record(lookup(KOMMUNE_A, SOMEONE_ELSE, 'a-other'));
    auditor = await sim.control.mintOperatorToken({ sub: 'auditor-1@example.no', roles: ['auditor'] });
  });

  afterAll(async () => {
    await observer?.destroy();
    await admin?.close();
    await sim?.close();
    await context?.close();
  });

  it("answers a subject-access request: one person's look-ups across two municipalities, decrypted", async () => {
    const response = await get(`?subject=${PERSON}`, auditor);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    expect(body.items.map((item) => [item.tenantOrgnr, item.correlationId, item.subject])).toEqual([
      [KOMMUNE_B, 'b-person', PERSON],
      [KOMMUNE_A, 'a-person', PERSON],
    ]);
    expect(body.items[0]).toMatchObject({
      policyVersion: 'p-7',
      subjectPresent: true,
      actor: { type: 'municipality', id: KOMMUNE_B, role: null },
    });
    expect(JSON.stringify(body)).not.toMatch(/subjectHash|subjectEncrypted/);
  });

  it('audits the search itself, with the searched person protected like any subject', async () => {
    const rows = await observer.query(`SELECT * FROM audit_events WHERE operation = 'audit.subject-access'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'operator-action',
      tenant_orgnr: null,
      actor_type: 'operator',
      actor_id: 'auditor-1@example.no',
      actor_role: 'auditor',
    });
    expect(rows[0].subject_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain(PERSON);
  });

  it('narrows by tenant and case reference, and pages', async () => {
    const byTenant = (await (await get(`?tenant=${KOMMUNE_A}&limit=1`, auditor)).json()) as Page;
    expect(byTenant.items.map((item) => item.correlationId)).toEqual(['a-other']);
    const next = (await (
      await get(`?tenant=${KOMMUNE_A}&limit=1&cursor=${byTenant.nextCursor}`, auditor)
    ).json()) as Page;
    expect(next.items.map((item) => item.correlationId)).toEqual(['a-person']);
    const byCase = (await (await get('?caseReference=SAK-b-other', auditor)).json()) as Page;
    expect(byCase.items.map((item) => item.correlationId)).toEqual(['b-other']);
  });

  it.each([
    ['no token', undefined, 401, 'operator-token-missing'],
    ['a viewer', ['viewer'], 403, 'operator-role-missing'],
    ['an operator', ['operator', 'incident-manager'], 403, 'operator-role-missing'],
  ])('refuses %s', async (_name, roles, status, code) => {
    const token = roles ? await sim.control.mintOperatorToken({ sub: 'someone@example.no', roles }) : undefined;
    const response = await get(`?subject=${PERSON}`, token);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
  });

  it.each([
    ['an invalid personidentifikator', '?subject=01029413158', 'invalid-personidentifikator'],
    ['an invalid tenant', '?tenant=974760674', 'invalid-orgnr'],
    ['a reversed time range', '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'invalid-request'],
  ])('answers 400 for %s, and shows no identifier in the problem', async (_name, query, code) => {
    const response = await get(query, auditor);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code });
    expect(JSON.stringify(body)).not.toContain('01029413158');
  });
});
