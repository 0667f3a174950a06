import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { APP_CONFIG, type AppConfig } from '#core';
import { type JobPayload, QUEUES } from '#queue';
import { DeclarationService, toIntakeDelivery } from '#tenancy';
import { deliverToIntake } from './intake-client.js';

type ForwardDeclaration = JobPayload<'declarations', 'forward-declaration'>;

/** Forwards declarations to Skatteetaten's intake; the declaration becomes `forwarded` only once delivered. */
@Processor(QUEUES.declarations)
export class DeclarationForwardProcessor {
  private readonly logger = new Logger('DeclarationForward');

  constructor(
    private readonly declarations: DeclarationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Process('forward-declaration')
  async forward(job: Job<ForwardDeclaration>): Promise<void> {
    const pending = await this.declarations.pendingForward(job.data.declarationId);
    if (!pending) return; // delivered, terminated or asked again meanwhile: nothing to send
    const { url, timeoutMs } = this.config.onboarding.intake;
    const reference = await deliverToIntake(url, toIntakeDelivery(pending), timeoutMs);
    await this.declarations.recordDelivered(pending.id, job.attemptsMade + 1, reference);
    this.logger.log({ declarationId: pending.id, tenantOrgnr: pending.tenantOrgnr }, 'declaration forwarded');
  }

  @OnQueueFailed()
  async onFailed(job: Job<ForwardDeclaration>, error: Error): Promise<void> {
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(
      { declarationId: job.data.declarationId, attempt: job.attemptsMade, final, reason: error.message },
      'declaration forward failed',
    );
    await this.declarations.recordForwardFailure(job.data.declarationId, job.attemptsMade, error.message, final);
  }
}
