import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { APP_CONFIG, type AppConfig } from '#core';
import { type JobPayload, QUEUES } from '#queue';
import { DeclarationPackageBuilder, DeclarationService } from '#tenancy';
import { deliverToIntake } from './intake-client.js';

type ForwardDeclaration = JobPayload<'declarations', 'forward-declaration'>;

/** Forwards declarations to Skatteetaten's intake; the declaration becomes `forwarded` only once delivered. */
@Processor(QUEUES.declarations)
export class DeclarationForwardProcessor {
  private readonly logger = new Logger('DeclarationForward');

  constructor(
    private readonly declarations: DeclarationService,
    private readonly packages: DeclarationPackageBuilder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Process('forward-declaration')
  async forward(job: Job<ForwardDeclaration>): Promise<void> {
    const pending = await this.declarations.pendingForward(job.data.declarationId);
    if (!pending) return; // delivered, terminated or asked again meanwhile: nothing to send
    const { url, timeoutMs } = this.config.onboarding.intake;
    if (!url) {
      // Asked for while this worker had an intake, or configured apart: nothing is sent.
      await this.declarations.recordForwardFailure(
        pending.id,
        job.attemptsMade + 1,
        'the intake is switched off (DECLARATION_INTAKE_URL is not set)',
        true,
      );
      return;
    }
    const reference = await deliverToIntake(url, await this.packages.of(pending), timeoutMs);
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
