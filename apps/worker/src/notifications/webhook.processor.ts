import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import {
  failureCategory,
  WebhookDeliveryError,
  WebhookDeliveryRepository,
  WebhookSecretService,
  WebhookSender,
} from '#notifications';
import { type JobPayload, QUEUES } from '#queue';

type DeliverWebhook = JobPayload<'notifications', 'deliver-webhook'>;

/**
 * Delivers webhooks, signed under the tenant's secrets; bull retries with backoff, and after the
 * last attempt the delivery is `failed`. A refused URL or address fails at once (retrying cannot
 * help). `lastError` and the logs carry the failure's category, never the network's message.
 */
@Processor(QUEUES.notifications)
export class WebhookProcessor {
  private readonly logger = new Logger('WebhookProcessor');

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly secrets: WebhookSecretService,
    private readonly sender: WebhookSender,
  ) {}

  @Process('deliver-webhook')
  async deliver(job: Job<DeliverWebhook>): Promise<void> {
    const { tenantOrgnr, deliveryId } = job.data;
    const delivery = await this.deliveries.findOne(tenantOrgnr, { id: deliveryId });
    if (!delivery || delivery.status !== 'pending') return; // already settled: never send twice
    const attempt = job.attemptsMade + 1;
    try {
      const body = JSON.stringify({ event: delivery.event, tenant: tenantOrgnr, deliveryId, data: delivery.payload });
      await this.sender.send({
        url: delivery.url,
        deliveryId,
        body,
        secrets: await this.secrets.signingSecrets(tenantOrgnr),
      });
    } catch (error) {
      const failure = new WebhookDeliveryError(failureCategory(error));
      if (failure.permanent) {
        this.logger.warn(
          { deliveryId, attempt, category: failure.category, finalAttempt: true },
          'webhook delivery refused',
        );
        await this.deliveries.markFailed(tenantOrgnr, deliveryId, attempt, failure.category);
        return;
      }
      await this.deliveries.recordAttempt(tenantOrgnr, deliveryId, attempt, failure.category);
      // Only the category goes on to bull's job record.
      throw failure;
    }
    await this.deliveries.markDelivered(tenantOrgnr, deliveryId, attempt);
  }

  @OnQueueFailed()
  async onFailed(job: Job<DeliverWebhook>, error: Error): Promise<void> {
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    const category = failureCategory(error);
    this.logger.warn(
      { deliveryId: job.data.deliveryId, attempt: job.attemptsMade, finalAttempt, category },
      'webhook delivery failed',
    );
    if (finalAttempt) {
      await this.deliveries.markFailed(job.data.tenantOrgnr, job.data.deliveryId, job.attemptsMade, category);
    }
  }
}
