import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/src/index.js';
import type { WebhookDeliveryEntity } from '../../database/src/index.js';
import { JobDispatcher } from '../../queue/src/index.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';

export interface WebhookDeliveryView {
  id: string;
  tenantOrgnr: string;
  event: string;
  status: WebhookDeliveryEntity['status'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export function toWebhookDeliveryView(entity: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: entity.id,
    tenantOrgnr: entity.tenantOrgnr,
    event: entity.event,
    status: entity.status,
    attempts: entity.attempts,
    lastError: entity.lastError,
    createdAt: entity.createdAt.toISOString(),
    deliveredAt: entity.deliveredAt?.toISOString() ?? null,
  };
}

/** Records a webhook for a tenant's contact and hands it to the worker, which retries with backoff. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(tenantOrgnr: string, url: string, event: string, payload: Record<string, unknown>): Promise<WebhookDeliveryView> {
    const delivery = await this.deliveries.create(tenantOrgnr, { url, event, payload, status: 'pending', attempts: 0 });
    const { attempts, backoffMs } = this.config.webhooks;
    // The delivery id doubles as the job id, so enqueuing the same delivery twice is harmless.
    await this.jobs.dispatch(
      'notifications',
      'deliver-webhook',
      { tenantOrgnr, deliveryId: delivery.id },
      { jobId: delivery.id, attempts, backoff: { type: 'exponential', delay: backoffMs } },
    );
    return toWebhookDeliveryView(delivery);
  }

  async find(tenantOrgnr: string, id: string): Promise<WebhookDeliveryView | null> {
    const delivery = await this.deliveries.findOne(tenantOrgnr, { id });
    return delivery ? toWebhookDeliveryView(delivery) : null;
  }
}
