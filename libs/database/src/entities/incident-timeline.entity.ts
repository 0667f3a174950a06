import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentActionEntity } from './incident-action.entity.js';
import { IncidentEntity } from './incident.entity.js';

export type IncidentTimelineKind = 'opened' | 'note' | 'status' | 'update' | 'action';

/** One line of an incident's timeline: a note by an operator, a status change or an action taken. */
@Entity({ name: 'incident_timeline' })
@Index('idx_incident_timeline_incident', ['incidentId', 'at'])
export class IncidentTimelineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_incident_timeline' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_incident_timeline_incident' })
  incident?: IncidentEntity;

  @Column({ type: 'text' })
  kind: IncidentTimelineKind;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId: string | null;

  @ManyToOne(() => IncidentActionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'FK_incident_timeline_action' })
  action?: IncidentActionEntity;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;
}
