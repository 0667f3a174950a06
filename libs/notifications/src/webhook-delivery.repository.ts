import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TenantScopedRepository, WebhookDeliveryEntity } from '../../database/src/index.js';

@Injectable()
export class WebhookDeliveryRepository extends TenantScopedRepository<WebhookDeliveryEntity> {
  constructor(@InjectRepository(WebhookDeliveryEntity) repository: Repository<WebhookDeliveryEntity>) {
    super(repository);
  }

  recordAttempt(tenantOrgnr: string, id: string, attempts: number, lastError: string | null): Promise<number> {
    return this.update(tenantOrgnr, { id }, { attempts, lastError });
  }

  markDelivered(tenantOrgnr: string, id: string, attempts: number): Promise<number> {
    return this.update(tenantOrgnr, { id }, { status: 'delivered', attempts, lastError: null, deliveredAt: new Date() });
  }

  markFailed(tenantOrgnr: string, id: string, attempts: number, lastError: string): Promise<number> {
    return this.update(tenantOrgnr, { id }, { status: 'failed', attempts, lastError });
  }
}
