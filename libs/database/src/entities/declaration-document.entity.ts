import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeclarationEntity } from './declaration.entity.js';
import { TenantEntity } from './tenant.entity.js';

/** The signed PDF of a connection declaration; its SHA-256 equals the declaration's documentSha256. */
@Entity({ name: 'declaration_documents' })
@Index('idx_declaration_documents_tenant', ['tenantOrgnr'])
export class DeclarationDocumentEntity {
  @PrimaryColumn({ name: 'declaration_id', type: 'uuid', primaryKeyConstraintName: 'PK_declaration_documents' })
  declarationId: string;

  @ManyToOne(() => DeclarationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'declaration_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'FK_declaration_documents_declaration',
  })
  declaration?: DeclarationEntity;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_declaration_documents_tenant',
  })
  tenant?: TenantEntity;

  /** Loaded only when the bytes are asked for (downloads, the forwarded package). */
  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  /** The operator who uploaded it (subject of the operator token). */
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;
}
