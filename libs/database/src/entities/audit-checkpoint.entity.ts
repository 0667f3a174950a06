import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed statement (JWS) that chain `chain` had hash `hash` at `seq` (append-only). */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_audit_checkpoints' })
  chain: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_checkpoints' })
  seq: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ name: 'sealed_at', type: 'timestamptz' })
  sealedAt: Date;

  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  /** Compact JWS over the canonical JSON of {chain, seq, hash, sealedAt}. */
  @Column({ type: 'text' })
  jws: string;
}
