import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/**
 * A tenant's webhook signing secret, stored sealed (AES-256-GCM under WEBHOOK_SECRET_ENCRYPTION_KEYS),
 * never in clear. The current one has no `expires_at`; a rotation gives the previous one an expiry
 * (the overlap), during which deliveries carry a signature under each.
 */
@Entity({ name: 'webhook_secrets' })
@Index('UQ_webhook_secrets_current', ['tenantOrgnr'], { unique: true, where: 'expires_at IS NULL' })
export class WebhookSecretEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_secrets' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_webhook_secrets_tenant',
  })
  tenant?: TenantEntity;

  /** `<keyId>:base64(iv ‖ tag ‖ ciphertext)`, bound to the tenant by its AAD. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
