import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid } from '#core';
import type { WebhookDeliveryEntity } from '#database';
import { JobDispatcher } from '#queue';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';

const WEBHOOK_DELIVERY_STATUSES: readonly WebhookDeliveryEntity['status'][] = ['pending', 'delivered', 'failed'];

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() tenantOrgnr!: string;
  @ApiProperty({ example: 'incident.opened' }) event!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryEntity['status'];
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
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

/** A dead letter as the operator sees it: where it went (without query string, which may hold a secret) and why it failed. */
export class DeadLetterView extends WebhookDeliveryView {
  @ApiProperty({ description: 'Origin and path only: a query string may hold a secret' }) target!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) incidentId!: string | null;
}

export function toDeadLetterView(entity: WebhookDeliveryEntity): DeadLetterView {
  let target = '(invalid url)';
  try {
    const url = new URL(entity.url);
    target = `${url.origin}${url.pathname}`;
  } catch {
    // keep the placeholder
  }
  const incidentId = typeof entity.payload.incidentId === 'string' ? entity.payload.incidentId : null;
  return { ...toWebhookDeliveryView(entity), target, incidentId };
}

/** Records a webhook for a tenant's contact and hands it to the worker, which retries with backoff. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(
    tenantOrgnr: string,
    url: string,
    event: string,
    payload: Record<string, unknown>,
  ): Promise<WebhookDeliveryView> {
    const delivery = await this.deliveries.create(tenantOrgnr, { url, event, payload, status: 'pending', attempts: 0 });
    // The delivery id doubles as the job id, so enqueuing the same delivery twice is harmless.
    await this.dispatch(delivery, delivery.id);
    return toWebhookDeliveryView(delivery);
  }

  async find(tenantOrgnr: string, id: string): Promise<WebhookDeliveryView | null> {
    const delivery = await this.deliveries.findOne(tenantOrgnr, { id });
    return delivery ? toWebhookDeliveryView(delivery) : null;
  }

  /** Deliveries that failed after their last attempt (dead letters), newest first. */
  async deadLetters(tenantOrgnr?: string, take = 200): Promise<DeadLetterView[]> {
    const failed =
      tenantOrgnr === undefined
        ? await this.deliveries.listFailedOfAll(take)
        : await this.deliveries.listFailed(tenantOrgnr, take);
    return failed.map(toDeadLetterView);
  }

  /**
   * Sends a dead letter again, with the full retry budget; 404 unless it is failed. `alsoInTransaction`
   * (the operator action's audit event) commits with the requeue or rolls it back.
   */
  async retry(
    id: string,
    alsoInTransaction?: (manager: EntityManager, requeued: WebhookDeliveryView) => Promise<void>,
  ): Promise<WebhookDeliveryView> {
    const delivery = isUuid(id) ? await this.deliveries.findById(id) : null;
    const requeued = delivery
      ? await this.deliveries.transaction(async (manager) => {
          if ((await this.deliveries.requeue(delivery.tenantOrgnr, delivery.id, manager)) === 0) return false;
          await alsoInTransaction?.(
            manager,
            toWebhookDeliveryView({ ...delivery, status: 'pending', lastError: null }),
          );
          return true;
        })
      : false;
    if (!delivery || !requeued) {
      throw new DomainError('webhook-delivery-not-found', 'No failed webhook delivery with this id');
    }
    // A new job id: the failed job of the first round may still be kept by bull under the delivery id.
    await this.dispatch(delivery, `${delivery.id}:retry:${Date.now()}`);
    return toWebhookDeliveryView({ ...delivery, status: 'pending', lastError: null });
  }

  /** Hands the delivery to the worker with the configured retry budget and backoff. */
  private async dispatch(delivery: WebhookDeliveryEntity, jobId: string): Promise<void> {
    const { attempts, backoffMs } = this.config.webhooks;
    await this.jobs.dispatch(
      'notifications',
      'deliver-webhook',
      { tenantOrgnr: delivery.tenantOrgnr, deliveryId: delivery.id },
      { jobId, attempts, backoff: { type: 'exponential', delay: backoffMs } },
    );
  }
}
