import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { compactVerify, createLocalJWKSet } from 'jose';
import { DataSource } from 'typeorm';
import {
  AuditModule,
  AuditSealer,
  AuditSealModule,
  AuditWriter,
  chainHash,
  CheckpointSigner,
  GENESIS_HASH,
  SealRepository,
  type AuditEventInput,
} from '#audit';
import { ConfigModule } from '#core';
import { createDataSourceOptions, DatabaseModule } from '#database';
import { MetricsModule, MetricsRegistry } from '#runtime';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { eventually } from '../support/eventually.js';

const A = '974760673';
const B = '971526920';

const lookup = (tenant: string, n: number): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent',
  legalBasis: 'vegtrafikkloven-38',
  purpose: 'innkreving-kommunale-krav',
  caseReference: `SAK-${n}`,
  decision: 'allow',
  subject: '01029413157',
  httpStatus: 200,
  bytes: 100 + n,
  latencyMs: n,
});

const operatorAction: AuditEventInput = {
  kind: 'operator-action',
  tenantOrgnr: null,
  actor: { type: 'operator', id: 'op-1', role: 'operator' },
  operation: 'terms.publish',
  decision: 'allow',
  details: { version: '2' },
};

interface ChainRow {
  event_id: string;
  chain: string;
  seq: string;
  prev_hash: string;
  hash: string;
}

describe('the audit sealer', () => {
  let context: TestContext;
  let app: INestApplicationContext;
  let writer: AuditWriter;
  let sealer: AuditSealer;
  let seals: SealRepository;
  let signer: CheckpointSigner;
  let observer: DataSource;

  const chainRows = (chain: string): Promise<ChainRow[]> =>
    observer.query(
      `SELECT event_id::text, chain, seq::text, prev_hash, hash FROM audit_chain WHERE chain = $1 ORDER BY seq`,
      [chain],
    );

  /** An event inserted in a transaction left open: its id is taken now, it commits when `commit` is called. */
  async function startLateCommit(tenant: string): Promise<{ lateId: string; commit(): Promise<void> }> {
    const late = observer.createQueryRunner();
    await late.connect();
    await late.startTransaction();
    const [{ id: lateId }] = await late.query(
      `INSERT INTO audit_events (occurred_at, kind, tenant_orgnr, actor_type, actor_id, operation, decision) VALUES (now(), 'gateway-request', $1, 'municipality', $2, 'inntekt.hent', 'deny') RETURNING id::text`,
      [tenant, tenant],
    );
    return {
      lateId,
      commit: async () => {
        await late.commitTransaction();
        await late.release();
      },
    };
  }

  /** Recomputes a whole chain from the stored events: the sealer's hashes must match. */
  async function expectChainIntact(chain: string): Promise<number> {
    const rows = await chainRows(chain);
    const section = await seals.section(chain, 1, rows.length);
    let prev = GENESIS_HASH;
    section.events.forEach((event, i) => {
      expect(event.seq).toBe(i + 1);
      expect(event.prevHash).toBe(prev);
      expect(event.hash).toBe(chainHash(prev, event.record));
      prev = event.hash;
    });
    return rows.length;
  }

  beforeAll(async () => {
    context = await createTestContext({
      AUDIT_CHECKPOINT_EVERY_EVENTS: '4',
      AUDIT_CHECKPOINT_EVERY_SECONDS: '3600',
      AUDIT_SEAL_BATCH_SIZE: '7',
    });
    class SealTestRoot {}
    app = await NestFactory.createApplicationContext(
      {
        module: SealTestRoot,
        imports: [ConfigModule.forRoot(context.config), DatabaseModule, MetricsModule, AuditModule, AuditSealModule],
      },
      { logger: false },
    );
    writer = app.get(AuditWriter);
    sealer = app.get(AuditSealer);
    seals = app.get(SealRepository);
    signer = app.get(CheckpointSigner);
    observer = await new DataSource(
      createDataSourceOptions({ ...context.config.database, url: context.ownerUrl }),
    ).initialize();
  });

  afterAll(async () => {
    await observer?.destroy();
    await app?.close();
    await context?.close();
  });

  it('chains each tenant separately in id order, platform-wide events in their own chain, with a signed checkpoint', async () => {
    const ids: Record<string, string[]> = { [A]: [], [B]: [], platform: [] };
    for (let n = 1; n <= 3; n++) ids[A].push((await writer.record(lookup(A, n))).id);
    for (let n = 1; n <= 2; n++) ids[B].push((await writer.record(lookup(B, n))).id);
    ids.platform.push((await writer.record(operatorAction)).id);

    const run = await sealer.sealAll();
    expect(run.sealed).toBe(6);
    for (const chain of [A, B, 'platform']) {
      expect((await chainRows(chain)).map((row) => row.event_id)).toEqual(ids[chain]);
      expect(await expectChainIntact(chain)).toBe(ids[chain].length);
    }
    // A new chain is checkpointed at once; the checkpoint is a JWS over its head, verifiable with the published key.
    const [checkpoint] = await observer.query(
      `SELECT chain, seq::int, hash, sealed_at, key_id, jws FROM audit_checkpoints WHERE chain = $1`,
      [A],
    );
    const head = (await chainRows(A)).at(-1);
    expect(checkpoint).toMatchObject({ seq: 3, hash: head?.hash, key_id: 'audit-test-only-1' });
    const { payload, protectedHeader } = await compactVerify(checkpoint.jws, createLocalJWKSet(signer.jwks() as never));
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'audit-checkpoint+jws' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
      chain: A,
      seq: 3,
      hash: head?.hash,
      sealedAt: checkpoint.sealed_at.toISOString(),
    });
    expect((await sealer.sealAll()).sealed).toBe(0);
  });

  it('seals a late commit (lower id, committed after a higher one) exactly once, with a later seq', async () => {
    const { lateId, commit } = await startLateCommit(B);
    const { id: earlyId } = await writer.record(lookup(B, 3));
    expect(BigInt(earlyId)).toBeGreaterThan(BigInt(lateId));
    await sealer.sealAll();
    await commit();
    await sealer.sealAll();
    const rows = await chainRows(B);
    expect(rows.slice(-2).map((row) => [row.event_id, row.seq])).toEqual([
      [earlyId, '3'],
      [lateId, '4'],
    ]);
    expect(await expectChainIntact(B)).toBe(4);
  });

  it('the repeatable job reads only new events between sweeps; the next sweep seals a late commit', async () => {
    await sealer.sealPending(); // starts the sweep clock (a sealAll above may have): the next runs do not sweep
    const { lateId, commit } = await startLateCommit(B);
    const { id: earlyId } = await writer.record(lookup(B, 4));
    await sealer.sealPending();
    await commit();
    await sealer.sealPending(); // no sweep yet: the late commit is below the highest sealed id
    const sealedIds = async () => (await chainRows(B)).map((row) => row.event_id);
    expect(await sealedIds()).toContain(earlyId);
    expect(await sealedIds()).not.toContain(lateId);
    await sealer.sealAll(); // a sweep, as the job makes every minute
    expect((await sealedIds()).slice(-1)).toEqual([lateId]);
    expect(await expectChainIntact(B)).toBe(6);
  });

  it('never seals an event twice when sealers run at once, and checkpoints every N events', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, n) => writer.record(lookup(A, 10 + n))));
    await Promise.all([sealer.sealPending(), sealer.sealPending(), sealer.sealAll(), sealer.sealAll()]);
    await sealer.sealAll();
    const [{ events, sealed, distinct }] = await observer.query(
      `SELECT (SELECT count(*)::int FROM audit_events WHERE tenant_orgnr = $1) AS events,
              (SELECT count(*)::int FROM audit_chain WHERE chain = $1) AS sealed,
              (SELECT count(DISTINCT event_id)::int FROM audit_chain WHERE chain = $1) AS distinct`,
      [A],
    );
    expect([sealed, distinct]).toEqual([events, events]);
    expect(await expectChainIntact(A)).toBe(33);
    const checkpoints: Array<{ seq: number }> = await observer.query(
      `SELECT seq::int FROM audit_checkpoints WHERE chain = $1 ORDER BY seq`,
      [A],
    );
    // The first at seq 3; afterwards none is more than 4 + one batch (7) behind the previous one, and the head is covered.
    expect(checkpoints[0].seq).toBe(3);
    for (let i = 1; i < checkpoints.length; i++)
      expect(checkpoints[i].seq - checkpoints[i - 1].seq).toBeGreaterThanOrEqual(4);
    expect(checkpoints.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the chain and checkpoints', async () => {
    await expect(observer.query(`UPDATE audit_chain SET hash = 'x'`)).rejects.toThrow(/append-only/);
    await expect(observer.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
    await expect(observer.query(`UPDATE audit_checkpoints SET jws = 'x'`)).rejects.toThrow(/append-only/);
    await expect(observer.query(`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
    await expect(observer.query(`TRUNCATE audit_chain`)).rejects.toThrow(/append-only/);
  });

  it('reports the sealer lag: the age of the oldest unsealed event, 0 once sealed', async () => {
    const metrics = app.get(MetricsRegistry);
    await observer.query(
      `INSERT INTO audit_events (occurred_at, recorded_at, kind, tenant_orgnr, actor_type, actor_id, operation, decision) VALUES (now(), now() - interval '90 seconds', 'gateway-request', $1, 'municipality', $2, 'x', 'allow')`,
      [A, A],
    );
    expect(await sealer.updateLag()).toBeGreaterThanOrEqual(90);
    expect(await metrics.metrics()).toMatch(/audit_sealer_lag_seconds 9\d/);
    await sealer.sealAll();
    expect(await metrics.metrics()).toMatch(/audit_sealer_lag_seconds 0\n/);
  });
});

describe('time-based checkpoints', () => {
  let context: TestContext;
  let app: INestApplicationContext;

  beforeAll(async () => {
    context = await createTestContext({
      AUDIT_CHECKPOINT_EVERY_EVENTS: '1000',
      AUDIT_CHECKPOINT_EVERY_SECONDS: '1',
      AUDIT_SEAL_INTERVAL_MS: '100',
    });
    class TimeTestRoot {}
    app = await NestFactory.createApplicationContext(
      {
        module: TimeTestRoot,
        imports: [ConfigModule.forRoot(context.config), DatabaseModule, MetricsModule, AuditModule, AuditSealModule],
      },
      { logger: false },
    );
  });

  afterAll(async () => {
    await app?.close();
    await context?.close();
  });

  it("covers an idle chain's tail once its last checkpoint is older than the interval", async () => {
    const writer = app.get(AuditWriter);
    const sealer = app.get(AuditSealer);
    const dataSource = app.get(DataSource);
    const checkpointSeqs = async () =>
      (await dataSource.query(`SELECT seq::int FROM audit_checkpoints WHERE chain = $1 ORDER BY seq`, [A])).map(
        (row: { seq: number }) => row.seq,
      );
    await writer.record(lookup(A, 1));
    await sealer.sealAll();
    await writer.record(lookup(A, 2));
    await sealer.sealAll();
    expect(await checkpointSeqs()).toEqual([1]);
    // Nothing new to seal: once the last checkpoint is older than the interval (a second), a run still checkpoints the uncovered head.
    const run = await eventually(
      async () => {
        const result = await sealer.sealPending();
        return result.checkpoints > 0 && result;
      },
      { timeout: 5000, interval: 100 },
    );
    expect(run).toMatchObject({ sealed: 0, checkpoints: 1 });
    expect(await checkpointSeqs()).toEqual([1, 2]);
    expect(await sealer.sealPending()).toMatchObject({ sealed: 0, checkpoints: 0 });
  });
});
