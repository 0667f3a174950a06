import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { type AuditEventInput, AuditWriter } from '#audit';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { connect } from '../support/db.js';
import { givenTenant } from '../support/given.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

const KOMMUNE_A = '974760673';
const KOMMUNE_B = '971526920';
const VENDOR = '920204368';
const PERSON = '01029413157';
const OTHER_PERSON = '17054512345';

const lookup = (tenant: string, overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent',
  legalBasis: 'sktbl-10-2',
  purpose: 'utlegg',
  caseReference: `SAK-${tenant}`,
  decision: 'allow',
  subject: PERSON,
  httpStatus: 200,
  policyVersion: 'p-1',
  ...overrides,
});

interface Page {
  items: Array<Record<string, unknown> & { id: string; subject: string | null }>;
  nextCursor: string | null;
}

describe('a municipality reads its own audit log', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let app: NestFastifyApplication;
  let gateway: string;
  let tokenA: string;
  let vendorTokenA: string;
  const idsA: string[] = [];

  const get = (path: string, token?: string) =>
    fetch(`${gateway}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  /** The gateway audits every tenant-route request, reads of the audit log included; these tests look past those. */
  const page = async (path: string, token: string): Promise<Page> => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    return { ...body, items: body.items.filter((item) => !String(item.operation).includes('/audit')) };
  };

  beforeAll(async () => {
    sim = await startSimulator();
    context = await createTestContext({ MASKINPORTEN_ISSUER: sim.maskinportenIssuer });
    // Only a tenant's callers read its log: KOMMUNE_A is a tenant and VENDOR its registered supplier.
    const db = await connect(context.config.database.url);
    await givenTenant(db, KOMMUNE_A, { suppliers: [VENDOR] }).finally(() => db.end());
    app = await createGatewayApp(context.config);
    gateway = await listen(app);
    const writer = app.get(AuditWriter, { strict: false });
    for (let i = 0; i < 5; i++) {
      idsA.push(
        (
          await writer.record(
            lookup(KOMMUNE_A, { occurredAt: new Date(Date.UTC(2026, 0, 1 + i)), correlationId: `a-${i}` }),
          )
        ).id,
      );
    }
    idsA.push(
      (
        await writer.record(
          lookup(KOMMUNE_A, {
            actor: { type: 'supplier', id: VENDOR },
            supplierOrgnr: VENDOR,
            subject: OTHER_PERSON,
            correlationId: 'vendor',
          }),
        )
      ).id,
    );
    await writer.record(lookup(KOMMUNE_B, { correlationId: 'b-0' }));
    tokenA = await sim.control.mintToken({ consumerOrg: KOMMUNE_A, scope: 'delingsmegler:api' });
    vendorTokenA = await sim.control.mintToken({
      consumerOrg: KOMMUNE_A,
      supplierOrg: VENDOR,
      scope: 'delingsmegler:api',
    });
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await context?.close();
  });

  it("lists only the tenant's own events, newest first, with the subject it looked up and no hashes", async () => {
    const body = await page(`/api/v1/${KOMMUNE_A}/audit`, tokenA);
    expect(body.items.map((item) => item.id)).toEqual([...idsA].reverse());
    expect(body.nextCursor).toBeNull();
    expect(body.items.every((item) => item.caseReference === `SAK-${KOMMUNE_A}`)).toBe(true);
    expect(body.items[0]).toMatchObject({
      subjectPresent: true,
      subject: OTHER_PERSON,
      supplierOrgnr: VENDOR,
      decision: 'allow',
      httpStatus: 200,
    });
    expect(body.items[1]).toMatchObject({
      subject: PERSON,
      correlationId: 'a-4',
      occurredAt: '2026-01-05T00:00:00.000Z',
    });
    const text = JSON.stringify(body);
    for (const hidden of ['subjectHash', 'subject_hash', 'subjectEncrypted', 'policyVersion', 'tenantOrgnr'])
      expect(text).not.toContain(hidden);
  });

  it("refuses another municipality's log: 403 tenant-mismatch", async () => {
    const response = await get(`/api/v1/${KOMMUNE_B}/audit`, tokenA);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'tenant-mismatch' });
  });

  it('needs a token: 401', async () => {
    const response = await get(`/api/v1/${KOMMUNE_A}/audit`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'token-missing' });
  });

  it('pages with an opaque cursor until the end, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body: Page = await page(`/api/v1/${KOMMUNE_A}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`, tokenA);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...idsA].reverse());
  });

  it('filters by time (from inclusive, to exclusive)', async () => {
    const body = await page(`/api/v1/${KOMMUNE_A}/audit?from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z`, tokenA);
    expect(body.items.map((item) => item.correlationId)).toEqual(['a-2', 'a-1']);
  });

  it.each([
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y'],
    ['a limit over the maximum', 'limit=501'],
    ['a limit that is no number', 'limit=ten'],
    ['a time that is no ISO 8601', 'from=yesterday'],
    ['an unknown parameter', 'tenant=971526920'],
  ])('answers 400 invalid-request for %s', async (_name, query) => {
    const response = await get(`/api/v1/${KOMMUNE_A}/audit?${query}`, tokenA);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
  });

  it('shows a supplier only the calls it made for the municipality', async () => {
    const body = await page(`/api/v1/${KOMMUNE_A}/audit`, vendorTokenA);
    expect(body.items.map((item) => item.correlationId)).toEqual(['vendor']);
  });
});
