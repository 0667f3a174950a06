import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity.js';
import { TermsVersionEntity } from './terms-version.entity.js';

export type DeclarationStatusValue =
  'received' | 'forwarded' | 'approved' | 'rejected' | 'active' | 'suspended' | 'terminated';
/** Delivery of the declaration to Skatteetaten's intake: asked for, delivered, or given up after the last attempt. */
export type ForwardStatusValue = 'pending' | 'delivered' | 'failed';
/** How the declaration reached Skatteetaten: the HTTP intake, or by e-mail or a form outside the platform (record-forwarding). */
export const FORWARD_CHANNELS = ['email', 'form', 'intake'] as const;
export type ForwardChannelValue = (typeof FORWARD_CHANNELS)[number];

/** A connection declaration (tilslutningserklæring) and where it is in its lifecycle. */
@Entity({ name: 'declarations' })
@Index('idx_declarations_tenant', ['tenantOrgnr'])
export class DeclarationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_declarations' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_declarations_tenant',
  })
  tenant?: TenantEntity;

  @Column({ name: 'terms_version', type: 'text' })
  termsVersion: string;

  @ManyToOne(() => TermsVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'terms_version',
    referencedColumnName: 'version',
    foreignKeyConstraintName: 'FK_declarations_terms',
  })
  terms?: TermsVersionEntity;

  @Column({ name: 'signed_by', type: 'text' })
  signedBy: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ name: 'document_sha256', type: 'char', length: 64 })
  documentSha256: string;

  @Column({ type: 'text' })
  environment: 'test' | 'prod';

  @Column({ type: 'text', array: true })
  apis: string[];

  @Column({ name: 'legal_bases', type: 'text', array: true })
  legalBases: string[];

  /** The municipality already had its own consumer agreement with Skatteetaten: onboarded straight to active. */
  @Column({ name: 'existing_agreement', type: 'boolean', default: false })
  existingAgreement: boolean;

  @Column({ type: 'text', default: 'received' })
  status: DeclarationStatusValue;

  @Column({ name: 'forward_status', type: 'text', nullable: true })
  forwardStatus: ForwardStatusValue | null;

  @Column({ name: 'forward_attempts', type: 'integer', default: 0 })
  forwardAttempts: number;

  @Column({ name: 'forward_last_error', type: 'text', nullable: true })
  forwardLastError: string | null;

  @Column({ name: 'forwarded_at', type: 'timestamptz', nullable: true })
  forwardedAt: Date | null;

  @Column({ name: 'forward_channel', type: 'text', nullable: true })
  forwardChannel: ForwardChannelValue | null;

  /** The forward's receipt or reference, whatever its channel (the column is named for the first one, the intake). */
  @Column({ name: 'intake_reference', type: 'text', nullable: true })
  intakeReference: string | null;

  /** Skatteetaten's answer (approve/reject). */
  @Column({ name: 'decision_reference', type: 'text', nullable: true })
  decisionReference: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The date the municipality is connected in production (seeds §6: the description applies from then). */
  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom: string | null;

  /** Why it was last suspended, resumed or terminated. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
