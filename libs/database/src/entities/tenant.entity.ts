import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** As libs/policy TenantSnapshot: `suspended` while an all-API suspension is in force. */
export type TenantStatusValue = 'active' | 'suspended' | 'terminated' | 'succeeded';

/** What a contact person is for (the notices they get and what Skatteetaten is told). */
export const CONTACT_ROLES = ['technical', 'functional', 'data-protection-officer', 'security', 'signatory'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface TenantContact {
  /** Stable id (uuid): the municipality updates its own contacts by it. */
  id: string;
  name: string;
  email?: string;
  phone?: string;
  roles: ContactRole[];
  webhookUrl?: string;
}

/** Why a tenant that is not on the list of municipalities was registered anyway, and by whom. */
export interface EligibilityOverride {
  reason: string;
  by: string;
  at: string;
}

/** A municipality, keyed by its organisation number. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'char', length: 9, primaryKeyConstraintName: 'PK_tenants' })
  orgnr: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'municipality_number', type: 'char', length: 4, nullable: true })
  municipalityNumber: string | null;

  @Column({ type: 'jsonb', default: [] })
  contacts: TenantContact[];

  @Column({ type: 'text', default: 'active' })
  status: TenantStatusValue;

  /** Operator-set requests per minute; null means the platform default. */
  @Column({ name: 'rate_per_minute', type: 'integer', nullable: true })
  ratePerMinute: number | null;

  /** The municipality this one was merged into (status `succeeded`). */
  @Column({ name: 'successor_orgnr', type: 'char', length: 9, nullable: true })
  successorOrgnr: string | null;

  @Column({ name: 'succeeded_at', type: 'timestamptz', nullable: true })
  succeededAt: Date | null;

  /** Set when the operator registered an orgnr that is not a municipality's main entity on the list. */
  @Column({ name: 'eligibility_override', type: 'jsonb', nullable: true })
  eligibilityOverride: EligibilityOverride | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
