import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../../../libs/core/src/index.js';
import { sendWebhook, WebhookDeliveryRepository } from '../../../../libs/notifications/src/index.js';
import { type JobPayload, QUEUES } from '../../../../libs/queue/src/index.js';

type DeliverWebhook = JobPayload<'notifications', 'deliver-webhook'>;

/** Delivers webhooks; bull retries with backoff, and after the last attempt the delivery is `failed`. */
@Processor(QUEUES.notifications)
export class WebhookProcessor {
  private readonly logger = new Logger('WebhookProcessor');

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Process('deliver-webhook')
  async deliver(job: Job<DeliverWebhook>): Promise<void> {
    const { tenantOrgnr, deliveryId } = job.data;
    const delivery = await this.deliveries.findOne(tenantOrgnr, { id: deliveryId });
    if (!delivery || delivery.status !== 'pending') return; // already settled: never send twice
    const attempt = job.attemptsMade + 1;
    try {
      await sendWebhook(delivery.url, { event: delivery.event, tenant: tenantOrgnr, deliveryId, data: delivery.payload }, this.config.webhooks.timeoutMs, deliveryId);
    } catch (error) {
      await this.deliveries.recordAttempt(tenantOrgnr, deliveryId, attempt, (error as Error).message);
      throw error;
    }
    await this.deliveries.markDelivered(tenantOrgnr, deliveryId, attempt);
  }

  @OnQueueFailed()
  async onFailed(job: Job<DeliverWebhook>, error: Error): Promise<void> {
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ deliveryId: job.data.deliveryId, attempt: job.attemptsMade, finalAttempt, reason: error.message }, 'webhook delivery failed');
    if (finalAttempt) {
      await this.deliveries.markFailed(job.data.tenantOrgnr, job.data.deliveryId, job.attemptsMade, error.message);
    }
  }
}
