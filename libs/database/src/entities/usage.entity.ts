import { Column, Entity, Index, PrimaryColumn, type PrimaryColumnOptions } from 'typeorm';

/** A primary-key column of a usage table; every dimension is part of the key ('' where an event has none). */
const keyOf = (constraint: string) => (options: PrimaryColumnOptions) =>
  PrimaryColumn({ ...options, primaryKeyConstraintName: constraint });

const hourlyKey = keyOf('PK_usage_hourly');
const dailyKey = keyOf('PK_usage_daily');
const monthlyKey = keyOf('PK_usage_monthly');

/** Gateway calls per UTC hour (written by libs/audit's sealer as it seals events). */
@Entity({ name: 'usage_hourly' })
@Index('idx_usage_hourly_tenant', ['tenantOrgnr', 'bucket'])
export class UsageHourlyEntity {
  @hourlyKey({ type: 'timestamptz' }) bucket: Date;
  @hourlyKey({ name: 'tenant_orgnr', type: 'character', length: 9 }) tenantOrgnr: string;
  @hourlyKey({ type: 'text' }) api: string;
  @hourlyKey({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  @hourlyKey({ type: 'text' }) decision: string;
  @hourlyKey({ name: 'reason_code', type: 'text' }) reasonCode: string;
  /** bigint: returned by pg as a string. */
  @Column({ type: 'bigint' }) calls: string;
}

/** Gateway calls per UTC day. */
@Entity({ name: 'usage_daily' })
@Index('idx_usage_daily_tenant', ['tenantOrgnr', 'day'])
export class UsageDailyEntity {
  @dailyKey({ type: 'date' }) day: string;
  @dailyKey({ name: 'tenant_orgnr', type: 'character', length: 9 }) tenantOrgnr: string;
  @dailyKey({ type: 'text' }) api: string;
  @dailyKey({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  @dailyKey({ type: 'text' }) decision: string;
  @dailyKey({ name: 'reason_code', type: 'text' }) reasonCode: string;
  @Column({ type: 'bigint' }) calls: string;
}

/** Gateway calls per UTC month (`month` is its first day): a year's statistics read twelve rows per combination. */
@Entity({ name: 'usage_monthly' })
export class UsageMonthlyEntity {
  @monthlyKey({ type: 'date' }) month: string;
  @monthlyKey({ name: 'tenant_orgnr', type: 'character', length: 9 }) tenantOrgnr: string;
  @monthlyKey({ type: 'text' }) api: string;
  @monthlyKey({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  @monthlyKey({ type: 'text' }) decision: string;
  @monthlyKey({ name: 'reason_code', type: 'text' }) reasonCode: string;
  @Column({ type: 'bigint' }) calls: string;
}
