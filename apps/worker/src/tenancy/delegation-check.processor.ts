import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '#core';
import { type JobPayload, QUEUES } from '#queue';
import { DelegationService } from '#tenancy';
import { DelegationChecker } from './delegation-checker.js';

const RECHECK_JOB_ID = 'recheck-delegations';

/** Verifies delegations on request and re-verifies all of them on a repeatable schedule. */
@Processor(QUEUES.delegations)
export class DelegationCheckProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('DelegationCheck');

  constructor(
    private readonly checker: DelegationChecker,
    private readonly delegations: DelegationService,
    @InjectQueue(QUEUES.delegations) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One repeatable job per deployment (bull keys it by name, id and interval). */
  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.onboarding.delegationRecheckIntervalMs;
    if (every > 0)
      await this.queue.add(
        'recheck-delegations',
        {},
        { repeat: { every }, jobId: RECHECK_JOB_ID, removeOnComplete: 10, removeOnFail: 10 },
      );
  }

  @Process('verify-delegation')
  async verify(job: Job<JobPayload<'delegations', 'verify-delegation'>>): Promise<void> {
    const delegation = await this.delegations.find(job.data.tenantOrgnr, job.data.delegationId);
    if (!delegation) return;
    const result = await this.checker.check(delegation);
    this.logger.log(
      {
        tenantOrgnr: delegation.tenantOrgnr,
        api: delegation.api,
        status: result.status,
        problemCode: result.problemCode,
      },
      'delegation checked',
    );
  }

  @Process('recheck-delegations')
  async recheck(): Promise<void> {
    const all = await this.delegations.listForRecheck();
    const outcomes: Record<string, number> = {};
    for (const delegation of all) {
      const { status } = await this.checker.check(delegation);
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
    this.logger.log({ checked: all.length, outcomes }, 'delegations re-checked');
  }
}
