import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { IncidentActionEntity } from './incident-action.entity.js';
import { IncidentEntity } from './incident.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

/** Links a webhook delivery to the incident (and action) it told a tenant's contact about. */
@Entity({ name: 'incident_notifications' })
@Index('idx_incident_notifications_incident', ['incidentId'])
@Unique('UQ_incident_notifications_delivery', ['deliveryId'])
export class IncidentNotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_incident_notifications' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_incident_notifications_incident' })
  incident?: IncidentEntity;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'FK_incident_notifications_delivery' })
  delivery?: WebhookDeliveryEntity;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId: string | null;

  @ManyToOne(() => IncidentActionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'FK_incident_notifications_action' })
  action?: IncidentActionEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
