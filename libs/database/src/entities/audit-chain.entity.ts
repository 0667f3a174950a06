import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** An event's place in its chain (written once by libs/audit's sealer; append-only). */
@Entity({ name: 'audit_chain' })
@Unique('UQ_audit_chain_chain_seq', ['chain', 'seq'])
@Index('idx_audit_chain_sealed_at', ['sealedAt'])
export class AuditChainEntity {
  /** bigint: returned by pg as a string. No FK: retention deletes old events but keeps their links. */
  @PrimaryColumn({ name: 'event_id', type: 'bigint', primaryKeyConstraintName: 'PK_audit_chain' })
  eventId: string;

  /** The tenant's orgnr, or `platform` for platform-wide events. */
  @Column({ type: 'text' })
  chain: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;
}
