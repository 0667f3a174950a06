import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audit event (DESIGN §6), append-only: a trigger refuses UPDATE, and DELETE outside the
 * retention path. No foreign key to tenants: the audit outlives them. Written only by libs/audit's
 * AuditWriter (one INSERT per group-committed batch); read only through libs/audit.
 */
@Entity({ name: 'audit_events' })
@Index('idx_audit_events_tenant_id', ['tenantOrgnr', 'id'])
@Index('idx_audit_events_subject_hash', ['subjectHash'])
@Index('idx_audit_events_tenant_case_reference', ['tenantOrgnr', 'caseReference'])
// BRIN (ids and times grow together, so a tiny index serves time ranges); created in the migration.
@Index('idx_audit_events_occurred_at', { synchronize: false })
export class AuditEventEntity {
  /** bigint: returned by pg as a string. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_audit_events',
  })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9, nullable: true })
  tenantOrgnr: string | null;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'supplier_orgnr', type: 'char', length: 9, nullable: true })
  supplierOrgnr: string | null;

  @Column({ name: 'end_user', type: 'text', nullable: true })
  endUser: string | null;

  @Column({ type: 'text' })
  operation: string;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference: string | null;

  @Column({ type: 'text' })
  decision: string;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'jsonb', nullable: true })
  reasons: string[] | null;

  @Column({ name: 'policy_version', type: 'text', nullable: true })
  policyVersion: string | null;

  /** Hex HMAC-SHA256 of the subject under the key `subjectKeyId`. */
  @Column({ name: 'subject_hash', type: 'text', nullable: true })
  subjectHash: string | null;

  /** Id of the HMAC key of `subjectHash`. */
  @Column({ name: 'subject_key_id', type: 'text', nullable: true })
  subjectKeyId: string | null;

  /** `<encryption key id>:<base64(iv ‖ tag ‖ ciphertext)>`, AES-256-GCM. */
  @Column({ name: 'subject_encrypted', type: 'text', nullable: true })
  subjectEncrypted: string | null;

  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ name: 'upstream_status', type: 'integer', nullable: true })
  upstreamStatus: number | null;

  @Column({ type: 'text', nullable: true })
  korrelasjonsid: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ type: 'bigint', nullable: true })
  bytes: string | null;

  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs: number | null;

  @Column({ name: 'incident_id', type: 'text', nullable: true })
  incidentId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
