import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * accepted: stored, job queued · sending: an attempt is (or was, before a crash) under way ·
 * unknown: the last attempt got no answer (it may have arrived; the retry settles it by
 * Skatteetaten's duplicate answer) · completed: upstream 2xx, or its duplicate answer for our
 * reference · rejected: upstream 4xx (final, not retried) · refused: the policy refused it at send
 * time (final, never sent) · failed: retries exhausted.
 */
export type RegistrationStatus = 'accepted' | 'sending' | 'unknown' | 'completed' | 'rejected' | 'refused' | 'failed';

/** Statuses whose registration may still be sent. */
export const OPEN_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['accepted', 'sending', 'unknown'];

/** What the caller sent with a registration, kept for the upstream call and its audit event. */
export interface RegistrationContext {
  correlationId?: string;
  supplierOrgnr?: string;
  legalBasis?: string;
  purpose?: string;
  caseReference?: string;
  endUser?: string;
}

/**
 * A registration (innsending av beslutning om utleggstrekk) accepted by the gateway and sent by a
 * durable worker job. The (tenant, caller, Idempotency-Key) triple is unique, so a retried request
 * finds its first outcome instead of registering again, and one caller never meets another's key.
 * No foreign key: like audit, it outlives a tenant.
 */
@Entity({ name: 'registrations' })
@Unique('UQ_registrations_tenant_caller_key', ['tenantOrgnr', 'callerOrgnr', 'idempotencyKey'])
@Index('idx_registrations_status_created', ['status', 'createdAt'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_registrations' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  /** Who sent it: the supplier in the token, else the municipality itself. */
  @Column({ name: 'caller_orgnr', type: 'char', length: 9 })
  callerOrgnr: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of operation, format and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'text', default: 'accepted' })
  status: RegistrationStatus;

  /** The body to send; cleared once the registration is settled (it holds personal data). */
  @Column({ name: 'request_body', type: 'jsonb', nullable: true })
  requestBody: unknown;

  /** The media type the caller accepts for the answer. */
  @Column({ type: 'text' })
  accept: string;

  @Column({ type: 'jsonb', default: {} })
  context: RegistrationContext;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_content_type', type: 'text', nullable: true })
  responseContentType: string | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'text', nullable: true })
  korrelasjonsid: string | null;

  /** The policy code of a registration refused at send time. */
  @Column({ name: 'refusal_code', type: 'text', nullable: true })
  refusalCode: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
