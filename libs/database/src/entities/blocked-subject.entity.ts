import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';

/**
 * Look-ups of one data subject blocked during an investigation; in force while lifted_at is null.
 * Only the keyed hash (libs/policy subjectKey under POLICY_SUBJECT_BLOCK_KEY) is stored, never the
 * personidentifikator. The gateway answers `subject-blocked`.
 */
@Entity({ name: 'blocked_subjects' })
@Index('UQ_blocked_subjects_hash_in_force', ['subjectHash'], { unique: true, where: 'lifted_at IS NULL' })
export class BlockedSubjectEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_blocked_subjects' })
  id: string;

  @Column({ name: 'subject_hash', type: 'char', length: 64 })
  subjectHash: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_blocked_subjects_incident' })
  incident?: IncidentEntity;

  @Column({ name: 'blocked_by', type: 'text' })
  blockedBy: string;

  @CreateDateColumn({ name: 'blocked_at', type: 'timestamptz' })
  blockedAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'text', nullable: true })
  liftedBy: string | null;
}
