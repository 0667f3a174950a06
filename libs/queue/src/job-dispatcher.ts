import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobOptions, Queue } from 'bull';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import type { JobName, JobPayload, QueueName } from './queues.js';

/**
 * Adds jobs with a bounded wait: with Redis away, bull's add would otherwise hang silently. The
 * caller gets `queue-unavailable` (503) and can answer its own client accordingly.
 */
@Injectable()
export class JobDispatcher {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dispatch<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    job: J,
    payload: JobPayload<Q, J>,
    options: JobOptions = {},
  ): Promise<string> {
    const target = this.moduleRef.get<Queue>(getQueueToken(queue), { strict: false });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DomainError('queue-unavailable', `The job queue did not accept the ${job} job in time`)),
        this.config.redis.jobAddTimeoutMs,
      );
    });
    try {
      const added = await Promise.race([target.add(job, payload, { removeOnComplete: 1000, ...options }), timeout]);
      return String(added.id);
    } finally {
      clearTimeout(timer);
    }
  }
}
