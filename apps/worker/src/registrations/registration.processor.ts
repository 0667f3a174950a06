import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { type JobPayload, QUEUES } from '#queue';
import { RegistrationSender } from '#registrations';

type SendRegistration = JobPayload<'registrations', 'send-registration'>;

/** Sends registrations upstream; bull retries with backoff, and after the last attempt the registration is `failed`. */
@Processor(QUEUES.registrations)
export class RegistrationProcessor {
  private readonly logger = new Logger('RegistrationProcessor');

  constructor(private readonly sender: RegistrationSender) {}

  @Process('send-registration')
  async send(job: Job<SendRegistration>): Promise<void> {
    await this.sender.send(job.data.tenantOrgnr, job.data.registrationId);
  }

  @OnQueueFailed()
  async onFailed(job: Job<SendRegistration>, error: Error): Promise<void> {
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(
      { registrationId: job.data.registrationId, attempt: job.attemptsMade, finalAttempt, reason: error.message },
      'registration attempt failed',
    );
    if (finalAttempt) await this.sender.giveUp(job.data.tenantOrgnr, job.data.registrationId, error.message);
  }
}
