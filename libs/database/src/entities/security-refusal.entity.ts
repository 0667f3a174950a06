import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The platform's security log: requests the gateway refused before a tenant was established
 * (no or a bad token, another organisation's path, no such tenant), counted per minute, source
 * address and reason. They never enter a tenant's audit chain; this table is bounded by the
 * gateway's aggregation and pruned after SECURITY_LOG_RETENTION_DAYS.
 */
@Entity({ name: 'security_refusals' })
@Index('idx_security_refusals_source', ['source', 'minute'])
export class SecurityRefusalEntity {
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_security_refusals' })
  minute: Date;

  /** The client address as the gateway saw it, or `other` when the tracked sources were full. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_security_refusals' })
  source: string;

  /** The problem code of the refusal (e.g. token-missing, tenant-mismatch, too-many-refused-requests). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_security_refusals' })
  reason: string;

  /** bigint: returned by pg as a string. */
  @Column({ type: 'bigint' })
  count: string;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen: Date;
}
