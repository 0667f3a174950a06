import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/**
 * The outcome of one oppslag samordnet trekk by a tenant, recorded before the answer leaves the
 * gateway: during the 2026 transition a registration needs the latest one for its debtor to have
 * answered yes. The debtor is held only as a keyed hash (libs/policy subjectKey under
 * POLICY_SUBJECT_BLOCK_KEY), never in clear.
 */
@Entity({ name: 'samordnet_trekk_oppslag' })
@Index('IDX_samordnet_trekk_oppslag_latest', ['tenantOrgnr', 'subjectHash', 'answeredAt'])
export class SamordnetTrekkOppslagEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_samordnet_trekk_oppslag' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_samordnet_trekk_oppslag_tenant',
  })
  tenant?: TenantEntity;

  @Column({ name: 'subject_hash', type: 'char', length: 64 })
  subjectHash: string;

  /** Whether the debtor has or has had trekk under the new regime. */
  @Column({ name: 'har_samordnet_trekk', type: 'boolean' })
  harSamordnetTrekk: boolean;

  /** The upstream call's Korrelasjonsid, to find the answer in Skatteetaten's logs. */
  @Column({ type: 'text', nullable: true })
  korrelasjonsid: string | null;

  @CreateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
