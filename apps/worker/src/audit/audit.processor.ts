import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { AuditExporter, AuditRetention, AuditSealer } from '#audit';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { JobDispatcher, type JobPayload, QUEUES } from '#queue';

/** Repeatable jobs, each under a fixed key so that every worker replica shares one schedule. */
const SCHEDULES = [
  { name: 'seal', jobId: 'audit-seal', every: (config: AppConfig) => config.audit.sealing.intervalMs },
  {
    name: 'retention',
    jobId: 'audit-retention',
    every: (config: AppConfig) => config.audit.sealing.retentionIntervalMs,
  },
] as const;

/** The audit queue: sealing (repeatable and on demand), retention (repeatable) and exports. */
@Processor(QUEUES.audit)
export class AuditProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditProcessor');

  constructor(
    private readonly sealer: AuditSealer,
    private readonly retention: AuditRetention,
    private readonly exporter: AuditExporter,
    private readonly jobs: JobDispatcher,
    @InjectQueue(QUEUES.audit) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A schedule whose interval changed since the last deployment is replaced, not doubled.
    const existing = await this.withinQueueTimeout(this.queue.getRepeatableJobs());
    for (const schedule of SCHEDULES) {
      const every = schedule.every(this.config);
      for (const job of existing.filter((item) => item.name === schedule.name && Number(item.every) !== every)) {
        await this.withinQueueTimeout(this.queue.removeRepeatableByKey(job.key));
      }
      await this.jobs.dispatch(
        'audit',
        schedule.name,
        {},
        { repeat: { every }, jobId: schedule.jobId, removeOnComplete: true, removeOnFail: 100 },
      );
    }
  }

  /** With Redis away a bull call would hang start-up silently; fail it plainly instead. */
  private async withinQueueTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DomainError('queue-unavailable', 'Redis did not answer while scheduling the audit jobs')),
        this.config.redis.jobAddTimeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  @Process('seal')
  async seal(): Promise<void> {
    const run = await this.sealer.sealPending();
    if (run.sealed > 0) this.logger.debug({ sealed: run.sealed, checkpoints: run.checkpoints }, 'audit events sealed');
  }

  @Process('retention')
  async prune(): Promise<void> {
    await this.retention.run();
  }

  @Process('build-export')
  async buildExport(job: Job<JobPayload<'audit', 'build-export'>>): Promise<void> {
    await this.exporter.build(job.data.exportId);
  }
}
