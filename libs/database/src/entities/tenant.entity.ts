import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface TenantContact {
  name: string;
  email?: string;
  webhookUrl?: string;
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
