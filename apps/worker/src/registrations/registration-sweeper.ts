import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { JobDispatcher } from '#queue';
import { queueRegistration, RegistrationRepository } from '#registrations';

/**
 * Re-queues open registrations nobody has touched for a while: one stored while Redis was away,
 * or whose job Redis lost. The job id is the registration id, so a job that still exists is not
 * duplicated, and a settled registration is never sent again.
 */
@Injectable()
export class RegistrationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RegistrationSweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly jobs: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A timer cannot await: a failed sweep is logged here and the next tick sweeps again.
    this.timer = setInterval(
      () =>
        void this.sweep().catch((error: Error) =>
          this.logger.warn({ reason: error.message }, 'registration sweep failed'),
        ),
      this.config.upstream.registrations.sweepIntervalMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const stale = await this.registrations.findStale(this.config.upstream.registrations.sweepIntervalMs);
    for (const { id, tenantOrgnr } of stale) await queueRegistration(this.jobs, this.config, tenantOrgnr, id);
    return stale.length;
  }
}
