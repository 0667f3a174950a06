import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/** pending until checked; verified when Maskinporten issued a token for the tenant; missing when it refused (MP-250/251); error when it could not tell. */
export type DelegationStatusValue = 'pending' | 'verified' | 'missing' | 'error';

/** The municipality's Altinn delegation of one API's scope to the platform, as last checked at Maskinporten. */
@Entity({ name: 'delegations' })
@Unique('UQ_delegations_tenant_api', ['tenantOrgnr', 'api'])
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_delegations' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_delegations_tenant',
  })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  api: string;

  @Column({ type: 'text' })
  scope: string;

  @Column({ type: 'text', default: 'pending' })
  status: DelegationStatusValue;

  /** The problem code of the last refusal (delegation-missing, scope-not-granted, …). */
  @Column({ name: 'problem_code', type: 'text', nullable: true })
  problemCode: string | null;

  /** Maskinporten's own code, e.g. MP-251. */
  @Column({ name: 'mp_code', type: 'text', nullable: true })
  mpCode: string | null;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
