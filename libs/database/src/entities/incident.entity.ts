import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type IncidentSeverity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentStatus = 'open' | 'mitigating' | 'resolved' | 'closed';

/** An incident the operator handles (DESIGN §7): its affected tenants and APIs, and where it stands. */
@Entity({ name: 'incidents' })
@Index('idx_incidents_status_opened', ['status', 'openedAt'])
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_incidents' })
  id: string;

  @Column({ type: 'text' })
  severity: IncidentSeverity;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', default: 'open' })
  status: IncidentStatus;

  /** Orgnrs; no foreign key, so an incident may name a tenant that is later removed. */
  @Column({ name: 'affected_tenants', type: 'text', array: true })
  affectedTenants: string[];

  @Column({ name: 'affected_apis', type: 'text', array: true })
  affectedApis: string[];

  @Column({ name: 'opened_by', type: 'text' })
  openedBy: string;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
