import { Process, Processor } from '@nestjs/bull';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { JobDispatcher, QUEUES } from '#queue';
import { DocumentRetention } from '#tenancy';

const RETENTION_JOB_ID = 'document-retention';

/**
 * Signed declaration documents are kept while their declaration is in force and
 * DOCUMENT_RETENTION_DAYS after it ended; this repeatable job (one schedule for every replica, on
 * the audit retention's interval) deletes the rest.
 */
@Processor(QUEUES.declarations)
export class DocumentRetentionProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly retention: DocumentRetention,
    private readonly jobs: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.audit.sealing.retentionIntervalMs;
    await this.jobs.dispatch(
      'declarations',
      'document-retention',
      {},
      { repeat: { every }, jobId: RETENTION_JOB_ID, removeOnComplete: true, removeOnFail: 100 },
    );
  }

  @Process('document-retention')
  async prune(): Promise<void> {
    await this.retention.run();
  }
}
