import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantScopedRepository, WebhookDeliveryEntity } from '#database';

const NEWEST_FIRST = { createdAt: 'DESC', id: 'DESC' } as const;

@Injectable()
export class WebhookDeliveryRepository extends TenantScopedRepository<WebhookDeliveryEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, WebhookDeliveryEntity);
  }

  recordAttempt(tenantOrgnr: string, id: string, attempts: number, lastError: string | null): Promise<number> {
    return this.update(tenantOrgnr, { id }, { attempts, lastError });
  }

  markDelivered(tenantOrgnr: string, id: string, attempts: number): Promise<number> {
    return this.update(
      tenantOrgnr,
      { id },
      { status: 'delivered', attempts, lastError: null, deliveredAt: new Date() },
    );
  }

  markFailed(tenantOrgnr: string, id: string, attempts: number, lastError: string): Promise<number> {
    return this.update(tenantOrgnr, { id }, { status: 'failed', attempts, lastError });
  }

  /** The tenant's dead letters: deliveries failed after their last attempt, newest first. */
  listFailed(tenantOrgnr: string, take: number): Promise<WebhookDeliveryEntity[]> {
    return this.findMany(tenantOrgnr, { where: { status: 'failed' }, order: NEWEST_FIRST, take });
  }

  /** Every tenant's dead letters, for the operator's view (admin API). */
  listFailedOfAll(take: number): Promise<WebhookDeliveryEntity[]> {
    return this.acrossTenants().find({ where: { status: 'failed' }, order: NEWEST_FIRST, take });
  }

  /** A delivery by id alone, for the operator's retry of a dead letter; the requeue is scoped by its tenant. */
  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.acrossTenants().findOne({ where: { id } });
  }

  /** failed → pending, so the worker sends it again; 0 when it was not failed (already retried). */
  requeue(tenantOrgnr: string, id: string, manager?: EntityManager): Promise<number> {
    return this.update(tenantOrgnr, { id, status: 'failed' }, { status: 'pending', lastError: null }, manager);
  }
}
