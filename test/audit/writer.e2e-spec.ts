import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditModule, AuditRepository, AuditWriter, SubjectProtection, type AuditEventInput } from '#audit';
import { ConfigModule, DomainError } from '#core';
import { createDataSourceOptions, DatabaseModule } from '#database';
import { MetricsModule, MetricsRegistry } from '#runtime';
import { createTestContext, type TestContext } from '../support/test-context.js';

const KOMMUNE = '974760673';
const SUBJECT = '01029413157';

const lookup = (overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: KOMMUNE,
  actor: { type: 'municipality', id: KOMMUNE },
  operation: 'inntekt.hent',
  legalBasis: 'sktbl-10-2',
  purpose: 'utlegg',
  caseReference: 'SAK-1',
  decision: 'allow',
  httpStatus: 200,
  correlationId: 'c-1',
  bytes: 1234,
  latencyMs: 12,
  ...overrides,
});

describe('AuditWriter', () => {
  let context: TestContext;
  let module: INestApplicationContext;
  let writer: AuditWriter;
  let metrics: MetricsRegistry;
  /** A second connection, as an outside observer of what is committed. */
  let observer: DataSource;

  beforeAll(async () => {
    context = await createTestContext({ AUDIT_MAX_BATCH_SIZE: '100' });
    class AuditTestRoot {}
    module = await NestFactory.createApplicationContext(
      {
        module: AuditTestRoot,
        imports: [ConfigModule.forRoot(context.config), DatabaseModule, MetricsModule, AuditModule],
      },
      { logger: false },
    );
    writer = module.get(AuditWriter);
    metrics = module.get(MetricsRegistry);
    observer = await new DataSource(
      createDataSourceOptions({ ...context.config.database, url: context.ownerUrl }),
    ).initialize();
  });

  afterAll(async () => {
    await observer?.destroy();
    await module?.close();
    await context?.close();
  });

  it('resolves only once the event is committed, and stores the subject only as HMAC + ciphertext', async () => {
    const { id } = await writer.record(lookup({ subject: SUBJECT, reasons: ['a', 'b'], details: { n: 1 } }));
    const [row] = await observer.query(`SELECT * FROM audit_events WHERE id = $1`, [id]);
    expect(row).toMatchObject({
      tenant_orgnr: KOMMUNE,
      kind: 'gateway-request',
      operation: 'inntekt.hent',
      decision: 'allow',
      reasons: ['a', 'b'],
      details: { n: 1 },
    });
    expect(row.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.subject_key_id).toBe('test-hmac-1');
    expect(row.subject_encrypted).toMatch(/^test-enc-1:[A-Za-z0-9+/=]+$/);
    expect(JSON.stringify(row)).not.toContain(SUBJECT);
    expect(module.get(SubjectProtection).reveal(row.subject_encrypted)).toBe(SUBJECT);
  });

  it('group-commits concurrent events: 200 records, far fewer INSERTs, all committed', async () => {
    const batches = async () =>
      (await metrics.getSingleMetricAsString('audit_write_batch_size')).match(
        /audit_write_batch_size_count (\d+)/,
      )?.[1];
    const before = Number(await batches());
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => writer.record(lookup({ correlationId: `load-${i}` }))),
    );
    const inserts = Number(await batches()) - before;
    expect(new Set(results.map((result) => result.id)).size).toBe(200);
    expect(inserts).toBeGreaterThanOrEqual(2); // AUDIT_MAX_BATCH_SIZE=100
    expect(inserts).toBeLessThanOrEqual(10);
    const [{ n }] = await observer.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE correlation_id LIKE 'load-%'`,
    );
    expect(n).toBe(200);
    // Each caller got its own row's id: the batch's ids came back in row order.
    const stored: Array<{ id: string; correlation_id: string }> = await observer.query(
      `SELECT id::text AS id, correlation_id FROM audit_events WHERE correlation_id LIKE 'load-%'`,
    );
    const byId = new Map(stored.map((row) => [row.id, row.correlation_id]));
    expect(results.map((result) => byId.get(result.id))).toEqual(results.map((_, i) => `load-${i}`));
  });

  // The observer is the schema owner: the triggers refuse even it (the runtime role lacks the privileges: roles.e2e-spec).
  it("refuses UPDATE, DELETE and TRUNCATE in the database; DELETE passes only on the retention path, with the owner's rights", async () => {
    const { id } = await writer.record(lookup());
    await expect(observer.query(`UPDATE audit_events SET decision = 'deny' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(observer.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(observer.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect((await observer.query(`SELECT decision FROM audit_events WHERE id = $1`, [id]))[0].decision).toBe('allow');
    await observer.transaction(async (manager) => {
      await manager.query(`SET LOCAL delingsmegler.audit_retention = 'on'`);
      await manager.query(`DELETE FROM audit_events WHERE id = $1`, [id]);
    });
    expect(await observer.query(`SELECT id FROM audit_events WHERE id = $1`, [id])).toEqual([]);
    // SET LOCAL ended with its transaction: the next DELETE is refused again.
    const { id: next } = await writer.record(lookup());
    await expect(observer.query(`DELETE FROM audit_events WHERE id = $1`, [next])).rejects.toThrow(/append-only/);
  });

  it('rejects with 503 audit-unavailable when the store is down, and writes nothing', async () => {
    const dataSource = await new DataSource(createDataSourceOptions(context.config.database)).initialize();
    const broken = new AuditWriter(
      new AuditRepository(dataSource),
      new SubjectProtection(context.config.audit),
      new MetricsRegistry(),
      context.config,
    );
    await dataSource.destroy();
    const error = await broken.record(lookup({ correlationId: 'while-down' })).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'audit-unavailable', status: 503 });
    expect(await observer.query(`SELECT id FROM audit_events WHERE correlation_id = 'while-down'`)).toEqual([]);
  });

  it('gives up on a batch that does not commit in time (503), fails events stuck behind it, and carries on', async () => {
    const config = { ...context.config, audit: { ...context.config.audit, writeTimeoutMs: 300, maxBatchSize: 1 } };
    const slow = new AuditWriter(
      module.get(AuditRepository),
      module.get(SubjectProtection),
      new MetricsRegistry(),
      config,
    );
    const runner = observer.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    // One event per batch: the first waits out its timeout; the three behind it have then waited as long, and fail at once.
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => slow.record(lookup({ correlationId: `locked-${n}` }))),
    );
    const elapsed = Date.now() - started;
    expect(results.map((result) => result.status === 'rejected' && (result.reason as DomainError).code)).toEqual(
      Array(4).fill('audit-unavailable'),
    );
    expect(elapsed).toBeLessThan(1000); // not 4 × 300 ms
    await runner.rollbackTransaction();
    await runner.release();
    expect(await slow.record(lookup({ correlationId: 'after-lock' }))).toEqual({ id: expect.any(String) });
  });

  it('refuses a malformed event without failing the others in its batch', async () => {
    const results = await Promise.allSettled([
      writer.record(lookup({ correlationId: 'batch-ok-1' })),
      writer.record(lookup({ tenantOrgnr: null })),
      writer.record(lookup({ tenantOrgnr: '12345' })),
      writer.record(lookup({ httpStatus: 200.5 })),
      writer.record(lookup({ details: { n: 1n } })),
      writer.record(lookup({ correlationId: 'batch-ok-2' })),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
  });

  it('writes the rest of a batch when the database refuses one of its rows', async () => {
    const results = await Promise.allSettled([
      writer.record(lookup({ correlationId: 'poison-ok-1' })),
      writer.record(lookup({ correlationId: 'poison-bad', caseReference: 'SAK\u0000-1' })),
      writer.record(lookup({ correlationId: 'poison-ok-2' })),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'audit-unavailable' });
    const rows = await observer.query(
      `SELECT correlation_id FROM audit_events WHERE correlation_id LIKE 'poison-%' ORDER BY id`,
    );
    expect(rows.map((row: { correlation_id: string }) => row.correlation_id)).toEqual(['poison-ok-1', 'poison-ok-2']);
  });

  it('records platform-wide operator actions without a tenant', async () => {
    const { id } = await writer.record({
      kind: 'operator-action',
      tenantOrgnr: null,
      actor: { type: 'operator', id: 'ops-1', role: 'operator' },
      operation: 'terms.publish',
      decision: 'allow',
      details: { after: { version: '2' } },
    });
    const [row] = await observer.query(
      `SELECT tenant_orgnr, actor_role, subject_hash FROM audit_events WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ tenant_orgnr: null, actor_role: 'operator', subject_hash: null });
  });
});
