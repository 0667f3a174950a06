import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { TenantScopedRepository, WebhookDeliveryEntity } from '#database';

@Injectable()
export class WebhookDeliveryRepository extends TenantScopedRepository<WebhookDeliveryEntity> {
  constructor(@InjectRepository(WebhookDeliveryEntity) repository: Repository<WebhookDeliveryEntity>) {
    super(repository);
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

  /**
   * Dead letters: deliveries failed after their last attempt, newest first. The operator's view
   * across tenants (admin API), so unscoped unless a tenant is given.
   */
  listFailed(tenantOrgnr: string | undefined, take: number): Promise<WebhookDeliveryEntity[]> {
    const where =
      tenantOrgnr === undefined ? { status: 'failed' as const } : this.scope(tenantOrgnr, { status: 'failed' });
    return this.repository.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take });
  }

  /** A delivery by id alone, for the operator's retry of a dead letter. */
  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  /** failed → pending, so the worker sends it again; 0 when it was not failed (already retried). */
  async requeue(tenantOrgnr: string, id: string, manager: EntityManager = this.repository.manager): Promise<number> {
    const result = await manager
      .getRepository(WebhookDeliveryEntity)
      .update(this.scope(tenantOrgnr, { id, status: 'failed' }), { status: 'pending', lastError: null });
    return result.affected ?? 0;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.repository.manager.transaction(work);
  }
}
