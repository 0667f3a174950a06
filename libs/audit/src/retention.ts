import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/src/index.js';
import { MetricsRegistry } from '../../runtime/src/index.js';
import { SealRepository } from './seal.repository.js';

const DELETE_BATCH = 5000;

/**
 * Deletes sealed events older than AUDIT_RETENTION_DAYS through the controlled path (the transaction
 * flag the append-only trigger accepts). Per chain only the oldest prefix goes, and chain rows and
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
    this.deletedTotal = metrics.counter('audit_retention_deleted_events_total', 'Audit events deleted by the retention job');
  }

  /** Returns how many events were deleted. `now` is injectable for tests. */
  async run(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.audit.sealing.retentionDays * 86_400_000);
    let deleted = 0;
    for (;;) {
      const batch = await this.seals.transaction(async (manager) => {
        // The sealer's lock: a chain is never sealed and pruned at the same moment.
        await this.seals.lock(manager, true);
        let count = 0;
        for (const { chain, uptoSeq } of await this.seals.expiredPrefixes(manager, cutoff)) {
          count += await this.seals.deleteExpired(manager, chain, uptoSeq, DELETE_BATCH - count);
          if (count >= DELETE_BATCH) break;
        }
        return count;
      });
      deleted += batch;
      if (batch < DELETE_BATCH) break;
    }
    this.deletedTotal.inc(deleted);
    if (deleted > 0) this.logger.log({ deleted, cutoff: cutoff.toISOString() }, 'audit retention deleted expired events');
    return deleted;
  }
}
