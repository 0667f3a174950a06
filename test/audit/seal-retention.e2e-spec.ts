import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  AuditExporter,
  AuditModule,
  AuditRetention,
  AuditSealer,
  AuditSealModule,
  AuditWriter,
  CheckpointSigner,
  type AuditEventInput,
  verifyExport,
} from '#audit';
import { ConfigModule } from '#core';
import { createDataSourceOptions, DatabaseModule } from '#database';
import { MetricsModule } from '#runtime';
import { createTestContext, type TestContext } from '../support/test-context.js';

const A = '974760673';
const B = '971526920';
// Retention measures age on the database's clock, so the events are placed relative to now.
const NOW = new Date();
const yearsAgo = (years: number) => new Date(NOW.getTime() - years * 365 * 86_400_000);

const event = (tenant: string, occurredAt: Date, n: number): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  occurredAt,
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent',
  caseReference: `SAK-${n}`,
  decision: 'allow',
  subject: '01029413157',
});

describe('audit retention', () => {
  let context: TestContext;
  let app: INestApplicationContext;
  let observer: DataSource;
  const ids: Record<string, string> = {};

  const present = async (): Promise<string[]> =>
    (await observer.query(`SELECT case_reference FROM audit_events ORDER BY id`)).map(
      (row: { case_reference: string }) => row.case_reference,
    );

  beforeAll(async () => {
    context = await createTestContext({ AUDIT_RETENTION_DAYS: '730' });
    class RetentionTestRoot {}
    app = await NestFactory.createApplicationContext(
      {
        module: RetentionTestRoot,
        imports: [ConfigModule.forRoot(context.config), DatabaseModule, MetricsModule, AuditModule, AuditSealModule],
      },
      { logger: false },
    );
    // The observer is the schema owner: it lowers the database's minimum below the worker's 730 days.
    observer = await new DataSource(
      createDataSourceOptions({ ...context.config.database, url: context.ownerUrl }),
    ).initialize();
    await observer.query(`UPDATE audit_retention_policy SET min_days = 1`);
    const writer = app.get(AuditWriter);
    // Chain A: two expired, then a recent one, then an old occurredAt sealed after it (seq 4).
    ids.a1 = (await writer.record(event(A, yearsAgo(4), 1))).id;
    ids.a2 = (await writer.record(event(A, yearsAgo(3), 2))).id;
    ids.a3 = (await writer.record(event(A, yearsAgo(0.5), 3))).id;
    ids.a4 = (await writer.record(event(A, yearsAgo(5), 4))).id;
    ids.b1 = (await writer.record(event(B, yearsAgo(3), 5))).id;
    ids.b2 = (await writer.record(event(B, yearsAgo(3), 6))).id;
    await app.get(AuditSealer).sealAll();
    // Expired but not sealed yet: retention must leave it alone.
    ids.b3 = (await writer.record(event(B, yearsAgo(6), 7))).id;
  });

  afterAll(async () => {
    await observer?.destroy();
    await app?.close();
    await context?.close();
  });

  it("deletes only each chain's expired, sealed prefix, through the owner's retention function", async () => {
    expect(await app.get(AuditRetention).run()).toBe(4);
    expect(await present()).toEqual(['SAK-3', 'SAK-4', 'SAK-7']);
    // The chain rows (hashes only, no personal data) stay, so the rest still links to them.
    const [{ links }] = await observer.query(`SELECT count(*)::int AS links FROM audit_chain`);
    expect(links).toBe(6);
    // The flag was local to the retention function: even the owner's plain DELETE is still refused.
    await expect(observer.query(`DELETE FROM audit_events WHERE id = $1`, [ids.a3])).rejects.toThrow(/append-only/);
    expect(await app.get(AuditRetention).run()).toBe(0);
  });

  it('keeps the chain verifiable from the first remaining event', async () => {
    const exporter = app.get(AuditExporter);
    const requested = await exporter.request({ tenant: A, requestedBy: 'op-test' });
    await exporter.build(requested.id);
    const content = await exporter.content(requested.id);
    const result = await verifyExport(content ?? '', { jwks: app.get(CheckpointSigner).jwks() as never });
    expect(result).toMatchObject({ ok: true, events: 2, chains: [{ chain: A, fromSeq: 3, toSeq: 4 }] });
    const [link] = await observer.query(`SELECT hash FROM audit_chain WHERE chain = $1 AND seq = 2`, [A]);
    expect(result.ok && result.chains[0].prevHash).toBe(link.hash);
  });

  it('names the event when someone with table-owner rights changes a row behind the triggers', async () => {
    await observer.transaction(async (manager) => {
      await manager.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await manager.query(`UPDATE audit_events SET decision = 'deny' WHERE id = $1`, [ids.a4]);
      await manager.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    });
    const exporter = app.get(AuditExporter);
    const requested = await exporter.request({ tenant: A, requestedBy: 'op-test' });
    await exporter.build(requested.id);
    const result = await verifyExport((await exporter.content(requested.id)) ?? '', {
      jwks: app.get(CheckpointSigner).jwks() as never,
    });
    expect(result).toMatchObject({
      ok: false,
      chain: A,
      seq: 4,
      eventId: ids.a4,
      reason: expect.stringContaining('hash does not match'),
    });
  });
});
