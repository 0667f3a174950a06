import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, maskIdentifiers } from '#core';
import { MetricsRegistry, withTimeout } from '#runtime';
import type { AuditEventInput } from './audit-event.js';
import { type AuditEventRow, AuditRepository } from './audit.repository.js';
import { SubjectProtection } from './subject-protection.js';

interface Pending {
  row: AuditEventRow;
  enqueuedAt: bigint;
  resolve(value: { id: string }): void;
  reject(error: unknown): void;
}

const ORGNR = /^\d{9}$/;
const INT_MAX = 2_147_483_647;

/** After the I/O callbacks already due: setImmediate, no timer delay. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the rows, not the store, are at fault. */
function isDataError(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

function unavailable(cause: unknown): DomainError {
  return new DomainError('audit-unavailable', 'The audit log could not record the request, so it was not carried out', {
    cause,
    headers: { 'Retry-After': '5' },
  });
}

/**
 * Records audit events durably with group commit: calls that arrive while a batch is being
 * written wait and go together in the next INSERT, so under load many requests share
 * one transaction, and an idle writer adds no delay (no timers). `record` resolves only once the
 * event's row is committed; if the store fails, it rejects with 503 `audit-unavailable` and the
 * caller must not release the data.
 */
@Injectable()
export class AuditWriter implements OnModuleDestroy {
  private readonly logger = new Logger('AuditWriter');
  private readonly queue: Pending[] = [];
  private running: Promise<void> | undefined;
  private readonly maxBatchSize: number;
  private readonly writeTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly latency: Histogram;
  private readonly batchSize: Histogram;
  private readonly failures: Counter;
  private readonly queueDepth: Gauge;

  constructor(
    private readonly repository: AuditRepository,
    private readonly subjects: SubjectProtection,
    metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxBatchSize = config.audit.maxBatchSize;
    this.writeTimeoutMs = config.audit.writeTimeoutMs;
    this.maxQueued = config.audit.maxQueuedEvents;
    this.latency = metrics.histogram(
      'audit_write_duration_seconds',
      'From record() to the commit of the event',
      [],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    this.batchSize = metrics.histogram(
      'audit_write_batch_size',
      'Events per group-commit INSERT',
      [],
      [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    );
    this.queueDepth = metrics.gauge('audit_write_queue_depth', 'Audit events waiting for the next group-commit INSERT');
    this.failures = metrics.counter(
      'audit_write_failures_total',
      'Audit events whose write failed (the caller got audit-unavailable)',
    );
  }

  record(event: AuditEventInput): Promise<{ id: string }> {
    let row: AuditEventRow;
    try {
      row = this.toRow(event);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.queue.length >= this.maxQueued) {
      // The store is not keeping up: waiting longer would only hold sockets and memory.
      this.failures.inc();
      return Promise.reject(unavailable(`the audit queue is full (${this.maxQueued} events waiting)`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ row, enqueuedAt: process.hrtime.bigint(), resolve, reject });
      this.queueDepth.set(this.queue.length);
      // A microtask, not a timer: calls made in the same tick join the first batch at no cost.
      if (!this.running) this.running = Promise.resolve().then(() => this.drain());
    });
  }

  /**
   * Records one event inside the caller's transaction (no group commit): it commits exactly when
   * the caller's change does, so neither exists without the other. A store failure rejects with
   * 503 `audit-unavailable`, and the caller's transaction must roll back.
   */
  async recordWithin(manager: EntityManager, event: AuditEventInput): Promise<{ id: string }> {
    const row = this.toRow(event);
    try {
      const [id] = await this.repository.insertMany([row], manager);
      return { id };
    } catch (error) {
      this.failures.inc();
      this.logger.error(
        { events: 1, reason: maskIdentifiers(error instanceof Error ? error.message : String(error)) },
        'audit write failed',
      );
      throw new DomainError(
        'audit-unavailable',
        'The audit log could not record the request, so it was not carried out',
        { cause: error, headers: { 'Retry-After': '5' } },
      );
    }
  }

  /** Waits for every event already recorded to be written (or to fail). */
  async onModuleDestroy(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        this.expireStale();
        const batch = this.queue.splice(0, this.maxBatchSize);
        this.queueDepth.set(this.queue.length);
        if (batch.length > 0) await this.flush(batch);
        // The commit's reply is handled first in its poll: let the other callbacks due there
        // (requests about to record) run, so that they join the next batch rather than the one after.
        await nextTurn();
      }
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Events that already waited a whole write timeout behind slow batches fail now instead of
   * starting their own wait: during an outage no caller hangs much longer than two timeouts.
   */
  private expireStale(): void {
    const oldest = process.hrtime.bigint() - BigInt(this.writeTimeoutMs) * 1_000_000n;
    const stale = this.queue.findIndex((pending) => pending.enqueuedAt > oldest);
    const count = stale === -1 ? this.queue.length : stale;
    if (count > 0)
      this.fail(this.queue.splice(0, count), new Error(`waited over ${this.writeTimeoutMs} ms behind earlier batches`));
  }

  private async flush(batch: Pending[]): Promise<void> {
    this.batchSize.observe(batch.length);
    let ids: string[];
    try {
      ids = await withTimeout(
        this.repository.insertMany(batch.map((pending) => pending.row)),
        this.writeTimeoutMs,
        'the audit INSERT',
      );
    } catch (error) {
      if (batch.length > 1 && isDataError(error)) {
        // One row the database refuses (e.g. a NUL byte) must not fail the others: each alone.
        await Promise.all(batch.map((pending) => this.flush([pending])));
      } else {
        this.fail(batch, error);
      }
      return;
    }
    const now = process.hrtime.bigint();
    batch.forEach((pending, index) => {
      this.latency.observe(Number(now - pending.enqueuedAt) / 1e9);
      pending.resolve({ id: ids[index] });
    });
  }

  private fail(batch: Pending[], error: unknown): void {
    this.failures.inc(batch.length);
    // The driver's text (connection, timeout, refused value) is masked; rows are never logged.
    this.logger.error(
      { events: batch.length, reason: maskIdentifiers(error instanceof Error ? error.message : String(error)) },
      'audit write failed',
    );
    const refusal = unavailable(error);
    for (const pending of batch) pending.reject(refusal);
  }

  /** Validates and maps synchronously, so a malformed event fails its own caller, never a batch. */
  private toRow(event: AuditEventInput): AuditEventRow {
    if (event.tenantOrgnr !== null && !ORGNR.test(event.tenantOrgnr))
      throw new TypeError('audit event: tenantOrgnr must be 9 digits or null');
    if (event.tenantOrgnr === null && event.kind !== 'operator-action')
      throw new TypeError('audit event: only operator actions may have no tenant');
    if (event.supplierOrgnr !== undefined && !ORGNR.test(event.supplierOrgnr))
      throw new TypeError('audit event: supplierOrgnr must be 9 digits');
    for (const [name, value, max] of [
      ['httpStatus', event.httpStatus, 999],
      ['upstreamStatus', event.upstreamStatus, 999],
      ['latencyMs', event.latencyMs === undefined ? undefined : Math.round(event.latencyMs), INT_MAX],
      ['bytes', event.bytes, Number.MAX_SAFE_INTEGER],
    ] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= max))
        throw new TypeError(`audit event: ${name} must be a whole number from 0 to ${max}`);
    }
    // Serialized once, here: a value JSON cannot hold (BigInt, a cycle) fails its own caller, never a batch.
    const reasons = jsonOrNull(event.reasons);
    const details = jsonOrNull(event.details);
    const subject = event.subject ? this.subjects.protect(event.subject) : undefined;
    return {
      occurredAt: event.occurredAt ?? new Date(),
      kind: event.kind,
      tenantOrgnr: event.tenantOrgnr,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorRole: event.actor.role ?? null,
      supplierOrgnr: event.supplierOrgnr ?? null,
      endUser: event.endUser ?? null,
      operation: event.operation,
      legalBasis: event.legalBasis ?? null,
      purpose: event.purpose ?? null,
      caseReference: event.caseReference ?? null,
      decision: event.decision,
      reasonCode: event.reasonCode ?? null,
      reasons,
      policyVersion: event.policyVersion ?? null,
      subjectHash: subject?.hash ?? null,
      subjectKeyId: subject?.keyId ?? null,
      subjectEncrypted: subject?.encrypted ?? null,
      httpStatus: event.httpStatus ?? null,
      upstreamStatus: event.upstreamStatus ?? null,
      korrelasjonsid: event.korrelasjonsid ?? null,
      correlationId: event.correlationId ?? null,
      bytes: event.bytes === undefined ? null : String(event.bytes),
      latencyMs: event.latencyMs === undefined ? null : Math.round(event.latencyMs),
      incidentId: event.incidentId ?? null,
      details,
    };
  }
}
