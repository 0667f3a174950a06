import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeclarationEntity } from './declaration.entity.js';
import { TermsVersionEntity } from './terms-version.entity.js';

/** A declaration re-signed under a newer terms version (the declaration then points at that version). */
@Entity({ name: 'terms_signatures' })
@Index('idx_terms_signatures_declaration', ['declarationId'])
export class TermsSignatureEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_terms_signatures' })
  id: string;

  @Column({ name: 'declaration_id', type: 'uuid' })
  declarationId: string;

  @ManyToOne(() => DeclarationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'declaration_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'FK_terms_signatures_declaration',
  })
  declaration?: DeclarationEntity;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @Column({ name: 'terms_version', type: 'text' })
  termsVersion: string;

  @ManyToOne(() => TermsVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'terms_version',
    referencedColumnName: 'version',
    foreignKeyConstraintName: 'FK_terms_signatures_terms',
  })
  terms?: TermsVersionEntity;

  @Column({ name: 'signed_by', type: 'text' })
  signedBy: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ name: 'document_sha256', type: 'char', length: 64 })
  documentSha256: string;

  /** The operator who recorded it. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
