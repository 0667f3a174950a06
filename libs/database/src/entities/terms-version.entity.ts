import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Delingsvilkår (Vedlegg 1), bruksvilkår (Vedlegg 2) and the tjenestebeskrivelse change independently. */
export type TermsDocumentKind = 'delingsvilkar' | 'bruksvilkar' | 'tjenestebeskrivelse';

/** One document of a terms version as its publisher published it. */
export interface TermsDocument {
  kind: TermsDocumentKind;
  version: string;
  url: string;
  /** YYYY-MM-DD */
  publishedOn: string;
  /** lowercase hex SHA-256 of the published document */
  sha256: string;
}

/** One row of the endringslogg (Vedlegg 3): date, the section changed, its new text. */
export interface ChangelogEntry {
  /** YYYY-MM-DD */
  date: string;
  section: string;
  text: string;
}

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

  /** Until this instant a signature under an older version still grants access (with a warning); null unless requiresResign. */
  @Column({ name: 'resign_by', type: 'timestamptz', nullable: true })
  resignBy: Date | null;

  @Column({ type: 'jsonb', default: [] })
  documents: TermsDocument[];

  @Column({ name: 'changelog_entries', type: 'jsonb', default: [] })
  changelogEntries: ChangelogEntry[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
