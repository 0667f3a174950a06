import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { MetricsRegistry } from '#runtime';
import { SealRepository } from './seal.repository.js';

const DELETE_BATCH = 5000;

/**
 * Deletes sealed events older than AUDIT_RETENTION_DAYS (never sooner than the database's minimum,
 * `audit_retention_policy.min_days`) through the owner's `audit_delete_expired`, the only path the
 * append-only trigger lets through. Per chain only the oldest prefix goes, and chain rows and
 * checkpoints stay, so an export from the first remaining event still verifies: its header carries
 * the hash the deleted predecessor had. Unsealed events are never deleted.
 */
@Injectable()
export class AuditRetention {
  private readonly logger = new Logger('AuditRetention');
  private readonly deletedTotal;

  constructor(
    private readonly seals: SealRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    this.deletedTotal = metrics.counter(
      'audit_retention_deleted_events_total',
      'Audit events deleted by the retention job',
    );
  }

  /** Returns how many events were deleted. */
  async run(): Promise<number> {
    const { retentionDays } = this.config.audit.sealing;
    let deleted = 0;
    for (;;) {
      const batch = await this.seals.transaction(async (manager) => {
        // The sealer's lock: a chain is never sealed and pruned at the same moment.
        await this.seals.lock(manager, true);
        return this.seals.deleteExpired(manager, retentionDays, DELETE_BATCH);
      });
      deleted += batch;
      if (batch < DELETE_BATCH) break;
    }
    this.deletedTotal.inc(deleted);
    if (deleted > 0) this.logger.log({ deleted, retentionDays }, 'audit retention deleted expired events');
    return deleted;
  }
}
