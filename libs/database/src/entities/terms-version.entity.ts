import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A version of the service description and its annexes, with its changelog (endringslogg). */
@Entity({ name: 'terms_versions' })
export class TermsVersionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_terms_versions' })
  version: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** From this instant the version is in force; with requiresResign, older signatures stop granting access. */
  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ type: 'text' })
  changelog: string;

  @Column({ name: 'requires_resign', type: 'boolean', default: false })
  requiresResign: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
