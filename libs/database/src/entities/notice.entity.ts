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
import { TenantEntity } from './tenant.entity.js';

export type NoticeChannel = 'email' | 'webhook';
/** pending until sent; failed (a dead letter) after the last attempt or a refusal retrying cannot help. */
export type NoticeStatus = 'pending' | 'sent' | 'failed';

/**
 * The notice outbox: one row per message to one recipient, written in the transaction of the
 * change it tells about and sent by the worker's sweeper (no queue in between, so neither Redis
 * nor the mail server being away loses it).
 */
@Entity({ name: 'notices' })
@Unique('UQ_notices_dedupe_key', ['dedupeKey'])
@Index('idx_notices_due', ['status', 'nextAttemptAt'])
@Index('idx_notices_tenant', ['tenantOrgnr'])
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notices' })
  id: string;

  @Column({ name: 'tenant_orgnr', type: 'char', length: 9 })
  tenantOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_orgnr', referencedColumnName: 'orgnr', foreignKeyConstraintName: 'FK_notices_tenant' })
  tenant?: TenantEntity;

  /** e.g. `declaration.approved`, `terms.resign-required` */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'text' })
  channel: NoticeChannel;

  /** An e-mail address or a webhook URL. */
  @Column({ type: 'text' })
  recipient: string;

  /** Rendered when enqueued (Norwegian): what is sent is what was true at the change. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** The event's facts (the webhook's `data`). */
  @Column({ type: 'jsonb', default: {} })
  data: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: NoticeStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** A failure category, never the server's own words. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Reminders are enqueued once per tenant, stage and recipient. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
