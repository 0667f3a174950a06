import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';
import { TenantEntity } from './tenant.entity.js';

/**
 * One suspension of a tenant: of every API (api null) or of one. In force while lifted_at is null;
 * lifted rows stay as history.
 */
@Entity({ name: 'tenant_suspensions' })
@Index('idx_tenant_suspensions_tenant', ['tenantOrgnr'])
export class TenantSuspensionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_tenant_suspensions' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_tenant_suspensions_tenant',
  })
  tenant?: TenantEntity;

  /** null: all APIs. */
  @Column({ type: 'text', nullable: true })
  api: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'suspended_by', type: 'text' })
  suspendedBy: string;

  @CreateDateColumn({ name: 'suspended_at', type: 'timestamptz' })
  suspendedAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'text', nullable: true })
  liftedBy: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason: string | null;

  /** The incident this suspension was imposed under, if any (issue 8). */
  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_tenant_suspensions_incident' })
  incident?: IncidentEntity;
}
