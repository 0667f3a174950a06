import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';

/** One measure taken under an incident (suspend a tenant, block a subject, ...), with the state before and after. Never personal data. */
@Entity({ name: 'incident_actions' })
@Index('idx_incident_actions_incident', ['incidentId', 'performedAt'])
export class IncidentActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_incident_actions' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_incident_actions_incident' })
  incident?: IncidentEntity;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9, nullable: true })
  tenantOrgnr: string | null;

  @Column({ type: 'jsonb', default: {} })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'performed_by', type: 'text' })
  performedBy: string;

  @CreateDateColumn({ name: 'performed_at', type: 'timestamptz' })
  performedAt: Date;
}
