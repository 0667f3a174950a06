import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#core';
import { MetricsRegistry } from '#runtime';
import { type ChainRecord, chainKeyOf, linkRecords } from './chain.js';
import { CheckpointSigner } from './checkpoint-signer.js';
import { type ChainHead, SealRepository } from './seal.repository.js';
import { UsageRepository } from './usage/usage.repository.js';

export interface SealRun {
  /** Events given a chain row in this run. */
  sealed: number;
  checkpoints: number;
  /** Another sealer held the lock; nothing was done. */
  busy: boolean;
}

/**
 * Chains committed events (DESIGN §6): each chain's unsealed events in id order get the next seq and
 * hash, in one transaction under an advisory lock (one sealer at a time, each event sealed exactly
 * once: event_id is the chain's primary key). A late commit with a lower id simply gets a later seq.
 * A chain gets a signed checkpoint after `checkpointEveryEvents` new events, or when its last one is
 * older than `checkpointEverySeconds` and there is something new to cover.
 */
/** How often the repeatable job also looks for late commits below the highest sealed id. */
const LATE_COMMIT_SWEEP_MS = 60_000;

@Injectable()
export class AuditSealer {
  private readonly lag;
  private readonly sealedTotal;
  private readonly checkpointsTotal;

  constructor(
    private readonly seals: SealRepository,
    private readonly usage: UsageRepository,
    private readonly signer: CheckpointSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    this.lag = metrics.gauge(
      'audit_sealer_lag_seconds',
      'Age of the oldest committed audit event not yet sealed (0 when none)',
    );
    this.sealedTotal = metrics.counter('audit_sealed_events_total', 'Audit events sealed into a hash chain');
    this.checkpointsTotal = metrics.counter('audit_checkpoints_total', 'Signed audit checkpoints written');
  }

  /**
   * One batch. With `wait`, queues behind a running sealer instead of skipping. A `sweep` looks for
   * late commits too (every unsealed event since the late-commit horizon); without it, only the
   * events above the highest sealed id are read, which stays cheap however many were sealed.
   */
  async sealOnce(wait = false, sweep = true): Promise<SealRun> {
    const { batchSize } = this.config.audit.sealing;
    const run = await this.seals.transaction(async (manager) => {
      if (!(await this.seals.lock(manager, wait))) return { sealed: 0, checkpoints: 0, busy: true };
      const floor = sweep ? await this.seals.sealFloor(manager) : await this.seals.highWater(manager);
      const records = await this.seals.unsealed(manager, floor, batchSize);
      const byChain = new Map<string, ChainRecord[]>();
      for (const record of records) {
        const chain = chainKeyOf(record.tenantOrgnr);
        const list = byChain.get(chain);
        if (list) list.push(record);
        else byChain.set(chain, [record]);
      }
      // Per batch, not per chain: one read of the heads, one INSERT of every chain's links.
      const heads = await this.seals.heads(manager, [...byChain.keys()]);
      const links = [...byChain].flatMap(([chain, chainRecords]) => {
        const head = heads.get(chain) as ChainHead;
        return linkRecords(head.seq, head.hash, chainRecords).map((link) => ({ ...link, chain }));
      });
      await this.seals.insertLinks(manager, links);
      // Statistics count each event once: in the transaction that seals it.
      await this.usage.add(manager, records);
      const checkpoints = await this.checkpointDue(manager, [...byChain.keys()]);
      return { sealed: records.length, checkpoints, busy: false };
    });
    this.sealedTotal.inc(run.sealed);
    this.checkpointsTotal.inc(run.checkpoints);
    return run;
  }

  /** Seals until nothing is left (waiting for a running sealer), late commits too, then updates the lag gauge. */
  sealAll(): Promise<SealRun> {
    return this.sealUntilDone(true, true);
  }

  /**
   * The repeatable job: a batch loop that yields to a sealer already running elsewhere. It reads
   * only new events, and sweeps for late commits once every LATE_COMMIT_SWEEP_MS: the sweep's
   * anti-join covers every event since the late-commit horizon, too dear to run every second.
   */
  sealPending(): Promise<SealRun> {
    const sweep = Date.now() - this.lastSweep >= LATE_COMMIT_SWEEP_MS;
    return this.sealUntilDone(false, sweep);
  }

  private lastSweep = 0;

  private async sealUntilDone(wait: boolean, sweep: boolean): Promise<SealRun> {
    const total: SealRun = { sealed: 0, checkpoints: 0, busy: false };
    for (;;) {
      const started = performance.now();
      const run = await this.sealOnce(wait, sweep);
      total.sealed += run.sealed;
      total.checkpoints += run.checkpoints;
      total.busy = run.busy;
      if (run.busy || run.sealed < this.config.audit.sealing.batchSize) break;
      // Catching up on a backlog in the background: rest as long as the batch took, so that the
      // sealer and its share of PostgreSQL take at most half of what they could from the requests.
      if (!wait) await sleep(performance.now() - started);
    }
    if (sweep && !total.busy) this.lastSweep = Date.now();
    await this.updateLag(sweep);
    return total;
  }

  /** Between sweeps, only what is above the highest sealed id counts (late commits show at the next sweep). */
  async updateLag(sweep = true): Promise<number> {
    const floor = sweep ? undefined : await this.seals.highWater();
    const age = await this.seals.oldestUnsealedAgeSeconds(floor);
    this.lag.set(age);
    return age;
  }

  /** Makes sure a signed checkpoint exists at `seq` (an export ends with one). */
  async ensureCheckpoint(chain: string, seq: number): Promise<void> {
    await this.seals.transaction(async (manager) => {
      await this.seals.lock(manager, true);
      if (await this.seals.hasCheckpoint(manager, chain, seq)) return;
      const hash = await this.seals.hashAt(manager, chain, seq);
      if (hash === null) throw new Error(`chain ${chain} has no seq ${seq}`);
      await this.writeCheckpoint(manager, chain, seq, hash);
      this.checkpointsTotal.inc();
    });
  }

  /** Checkpoints for chains just sealed and for recently active ones whose last checkpoint is stale. */
  private async checkpointDue(manager: EntityManager, sealedChains: string[]): Promise<number> {
    const { checkpointEveryEvents, checkpointEverySeconds, intervalMs } = this.config.audit.sealing;
    // A chain that went idle is due T seconds after its last checkpoint, which was before its last seal.
    const recent = await this.seals.recentChains(manager, checkpointEverySeconds + 2 * Math.ceil(intervalMs / 1000));
    const chains = [...new Set([...sealedChains, ...recent])];
    const heads = await this.seals.heads(manager, chains);
    const lasts = await this.seals.lastCheckpoints(manager, chains);
    let written = 0;
    for (const chain of chains) {
      const head = heads.get(chain) as ChainHead;
      const last = lasts.get(chain);
      if (head.seq === 0 || (last && last.seq >= head.seq)) continue;
      const dueByCount = head.seq - (last?.seq ?? 0) >= checkpointEveryEvents;
      const dueByTime = !last || Date.now() - last.sealedAt.getTime() >= checkpointEverySeconds * 1000;
      if (dueByCount || dueByTime) {
        await this.writeCheckpoint(manager, chain, head.seq, head.hash);
        written++;
      }
    }
    return written;
  }

  private async writeCheckpoint(manager: EntityManager, chain: string, seq: number, hash: string): Promise<void> {
    const sealedAt = new Date();
    const jws = await this.signer.signCheckpoint({ chain, seq, hash, sealedAt: sealedAt.toISOString() });
    await this.seals.insertCheckpoint(manager, { chain, seq, hash, sealedAt, keyId: this.signer.kid, jws });
  }
}
