import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';

/** One API paused for every tenant (an upstream incident); in force while lifted_at is null. The gateway answers `api-paused`. */
@Entity({ name: 'api_pauses' })
@Index('UQ_api_pauses_api_in_force', ['api'], { unique: true, where: 'lifted_at IS NULL' })
export class ApiPauseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_api_pauses' })
  id: string;

  @Column({ type: 'text' })
  api: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_api_pauses_incident' })
  incident?: IncidentEntity;

  @Column({ name: 'paused_by', type: 'text' })
  pausedBy: string;

  @CreateDateColumn({ name: 'paused_at', type: 'timestamptz' })
  pausedAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'text', nullable: true })
  liftedBy: string | null;
}
