import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditReader, AuditRepository, AuditWriter, SubjectProtection, type AuditEventInput } from '#audit';
import { type AppConfig, loadConfig } from '#core';
import { createDataSourceOptions } from '#database';
import { MetricsRegistry } from '#runtime';
import { createTestContext, type TestContext } from '../support/test-context.js';

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
});

describe('subject-access report across tenants (reader)', () => {
  let context: TestContext;
  let dataSource: DataSource;
  const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
  const [hmac1, enc1, hmac2, enc2] = [key('h1'), key('e1'), key('h2'), key('e2')];
  let before: AppConfig;
  let after: AppConfig;

  const build = (config: AppConfig) => {
    const repository = new AuditRepository(dataSource);
    const subjects = new SubjectProtection(config.audit);
    return {
      writer: new AuditWriter(repository, subjects, new MetricsRegistry(), config),
      reader: new AuditReader(repository, subjects),
    };
  };

  beforeAll(async () => {
    context = await createTestContext();
    dataSource = await new DataSource(createDataSourceOptions(context.config.database)).initialize();
    before = loadConfig({ ...context.env, AUDIT_SUBJECT_HMAC_KEYS: hmac1, AUDIT_SUBJECT_ENCRYPTION_KEYS: enc1 });
    // The rotation: new keys first, old ones kept.
    after = loadConfig({
      ...context.env,
      AUDIT_SUBJECT_HMAC_KEYS: `${hmac2},${hmac1}`,
      AUDIT_SUBJECT_ENCRYPTION_KEYS: `${enc2},${enc1}`,
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await context?.close();
  });

  it("finds one person's look-ups in two municipalities, under old and new keys, and nobody else's", async () => {
    const old = build(before).writer;
    await old.record(lookup(KOMMUNE_A, PERSON, 'a-old'));
    await old.record(lookup(KOMMUNE_B, SOMEONE_ELSE, 'b-other'));
    const current = build(after);
    await current.writer.record(lookup(KOMMUNE_B, PERSON, 'b-new'));
    await current.writer.record(lookup(KOMMUNE_A, SOMEONE_ELSE, 'a-other'));

    const report = await current.reader.search({ subject: PERSON });
    expect(report.items.map((item) => [item.tenantOrgnr, item.correlationId, item.subject])).toEqual([
      [KOMMUNE_B, 'b-new', PERSON],
      [KOMMUNE_A, 'a-old', PERSON],
    ]);
    const [{ keys }] = await dataSource.query(
      `SELECT array_agg(DISTINCT subject_key_id ORDER BY subject_key_id) AS keys FROM audit_events WHERE correlation_id IN ('a-old', 'b-new')`,
    );
    expect(keys).toEqual(['h1', 'h2']);

    // Before the rotation only the old key exists: the new event is neither found nor decryptable.
    expect((await build(before).reader.search({ subject: PERSON })).items.map((item) => item.correlationId)).toEqual([
      'a-old',
    ]);
  });

  it('narrows by tenant, case reference and time', async () => {
    const { reader } = build(after);
    expect((await reader.search({ tenantOrgnr: KOMMUNE_A })).items.map((item) => item.correlationId)).toEqual([
      'a-other',
      'a-old',
    ]);
    expect((await reader.search({ caseReference: 'SAK-b-other' })).items.map((item) => item.correlationId)).toEqual([
      'b-other',
    ]);
    expect(
      (await reader.search({ subject: PERSON, tenantOrgnr: KOMMUNE_B })).items.map((item) => item.correlationId),
    ).toEqual(['b-new']);
    expect((await reader.search({ from: new Date(Date.now() + 60_000) })).items).toEqual([]);
  });
});
