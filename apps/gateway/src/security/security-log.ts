import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Counter } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '#core';
import { MetricsRegistry } from '#runtime';
import { type RefusalCount, SecurityLogRepository } from './security-log.repository.js';

const MINUTE_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Where the refusals of sources beyond the tracked bound are counted. */
export const OTHER_SOURCES = 'other';

/**
 * The platform's own log of traffic refused before a tenant was established: counts per minute,
 * source address and reason, aggregated in the process and written every SECURITY_LOG_FLUSH_MS
 * in one statement. A refused request thus costs no database write of its own, and nothing of it
 * (headers, subject, token) is kept beyond its address and problem code. Bounded: at most
 * GATEWAY_REFUSED_MAX_SOURCES addresses per flush; the rest are counted as `other`.
 */
@Injectable()
export class SecurityLog implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SecurityLog');
  private pending = new Map<string, RefusalCount>();
  private sources = new Set<string>();
  private readonly refused: Counter<'reason'>;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private prunedAt = 0;

  constructor(
    private readonly repository: SecurityLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    this.refused = metrics.counter(
      'gateway_refused_requests_total',
      'Tenant-route requests refused before a tenant was established, by problem code',
      ['reason'],
    );
  }

  onApplicationBootstrap(): void {
    // A timer cannot await; flush() never rejects (a failed write is logged) and the next tick retries.
    this.timer = setInterval(() => void this.flush(), this.config.securityLog.flushIntervalMs);
    this.timer.unref();
  }

  /** The last counts are written while the database connection is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(source: string, reason: string, now = new Date()): void {
    this.refused.inc({ reason });
    if (!this.sources.has(source)) {
      if (this.sources.size >= this.config.securityLog.maxSources) source = OTHER_SOURCES;
      else this.sources.add(source);
    }
    const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    const key = `${minute.getTime()} ${source} ${reason}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry.count += 1;
      entry.lastSeen = now;
    } else {
      this.pending.set(key, { minute, source, reason, count: 1, lastSeen: now });
    }
  }

  /** Writes what was counted since the last flush (one at a time); a failed write is logged and its counts dropped. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    const counts = [...this.pending.values()];
    this.pending = new Map();
    this.sources = new Set();
    try {
      await this.repository.add(counts);
      if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
        await this.repository.prune(this.config.securityLog.retentionDays);
        this.prunedAt = Date.now();
      }
    } catch (error) {
      this.logger.warn(
        { rows: counts.length, reason: (error as Error).message },
        'security log not written; these refusal counts are only in the metrics',
      );
    }
  }
}
