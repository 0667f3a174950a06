import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One webhook notification to a tenant's contact, delivered by the worker with retries. */
@Entity({ name: 'webhook_deliveries' })
@Index('idx_webhook_deliveries_tenant_status', ['tenantOrgnr', 'status'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_deliveries' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_webhook_deliveries_tenant',
  })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
