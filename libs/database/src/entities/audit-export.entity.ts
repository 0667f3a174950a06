import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AuditExportStatus = 'pending' | 'running' | 'done' | 'failed';

/** A signed JSONL export of audit events, built by a worker job (content kept in the row). */
@Entity({ name: 'audit_exports' })
export class AuditExportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_audit_exports' })
  id: string;

  /** The operator (token subject) who asked for it. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  /** null: every chain (all tenants and the platform chain). */
  @Column({ name: 'tenant_orgnr', type: 'char', length: 9, nullable: true })
  tenantOrgnr: string | null;

  @Column({ name: 'from_time', type: 'timestamptz', nullable: true })
  fromTime: Date | null;

  @Column({ name: 'to_time', type: 'timestamptz', nullable: true })
  toTime: Date | null;

  @Column({ type: 'text', default: 'pending' })
  status: AuditExportStatus;

  @Column({ name: 'event_count', type: 'integer', nullable: true })
  eventCount: number | null;

  /** Hex SHA-256 of `content`. */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
