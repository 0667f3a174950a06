import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/**
 * A decision document (vedlegg) a tenant uploaded through the gateway: the uuid Skatteetaten gave
 * it, with its SHA-256 and size, never its content. A registration may reference only its own
 * tenant's uuids. Kept for VEDLEGG_RETENTION_DAYS (the worker deletes older rows, and the check
 * ignores them); the upload's audit event keeps hash and size for the audit's retention.
 */
@Entity({ name: 'vedlegg' })
@Unique('UQ_vedlegg_uuid', ['uuid'])
@Index('IDX_vedlegg_uploaded_at', ['uploadedAt'])
export class VedleggEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_vedlegg' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_orgnr', referencedColumnName: 'orgnr', foreignKeyConstraintName: 'FK_vedlegg_tenant' })
  tenant?: TenantEntity;

  /** Skatteetaten's identifier of the document, as a beslutning references it. */
  @Column({ type: 'text' })
  uuid: string;

  /** Lowercase hex SHA-256 of the bytes sent. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  bytes: number;

  /** Who uploaded it: the municipality, or the supplier acting for it. */
  @Column({ name: 'caller_orgnr', type: 'char', length: 9 })
  callerOrgnr: string;

  /** The upstream call's Korrelasjonsid, to find the upload in Skatteetaten's logs. */
  @Column({ type: 'text', nullable: true })
  korrelasjonsid: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
