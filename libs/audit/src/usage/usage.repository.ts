import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChainRecord } from '../chain.js';
import { countUsage, DAY_OF, HOUR_OF, MONTH_OF, type UsageCount } from './usage-count.js';

/** What statistics can be grouped by, and the column each is. */
export const STATISTICS_DIMENSIONS = {
  tenant: 'tenant_orgnr',
  api: 'api',
  legalBasis: 'legal_basis',
  decision: 'decision',
  reasonCode: 'reason_code',
} as const;
export type StatisticsDimension = keyof typeof STATISTICS_DIMENSIONS;

export const STATISTICS_GRANULARITIES = ['hour', 'day', 'month'] as const;
export type StatisticsGranularity = (typeof STATISTICS_GRANULARITIES)[number];

export interface StatisticsSelection {
  granularity: StatisticsGranularity;
  from: Date;
  to: Date;
  tenant?: string;
  api?: string;
  by: StatisticsDimension[];
}

export type StatisticsRow = { period: string; calls: number } & Partial<Record<StatisticsDimension, string>>;

/** Each granularity reads its own table, so that a long range stays a short read. */
const PERIOD: Record<StatisticsGranularity, { table: string; column: string; label: string }> = {
  hour: {
    table: 'usage_hourly',
    column: 'bucket',
    label: `to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"')`,
  },
  day: { table: 'usage_daily', column: 'day', label: `to_char(day, 'YYYY-MM-DD')` },
  month: { table: 'usage_monthly', column: 'month', label: `to_char(month, 'YYYY-MM')` },
};

/** All SQL on the usage rollup (usage_hourly, usage_daily, usage_monthly): cross-tenant, for operators only. */
@Injectable()
export class UsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts sealed events, in the transaction that seals them: each event is counted exactly once. */
  async add(manager: EntityManager, records: readonly ChainRecord[]): Promise<void> {
    await this.upsert(manager, 'usage_hourly', 'bucket', 'timestamptz', countUsage(records, HOUR_OF));
    await this.upsert(manager, 'usage_daily', 'day', 'date', countUsage(records, DAY_OF));
    await this.upsert(manager, 'usage_monthly', 'month', 'date', countUsage(records, MONTH_OF));
  }

  async totals(selection: StatisticsSelection): Promise<StatisticsRow[]> {
    const period = PERIOD[selection.granularity];
    const byDate = selection.granularity !== 'hour';
    // Days and months are stored by date: the range covers each one it touches.
    const first = selection.from.toISOString().slice(0, selection.granularity === 'month' ? 7 : 10);
    const last = new Date(selection.to.getTime() - 1).toISOString().slice(0, 10);
    const params: unknown[] = byDate
      ? [first.length === 7 ? `${first}-01` : first, last]
      : [selection.from, selection.to];
    const where = [byDate ? `${period.column} BETWEEN $1::date AND $2::date` : `bucket >= $1 AND bucket < $2`];
    if (selection.tenant) where.push(`tenant_orgnr = $${params.push(selection.tenant)}`);
    if (selection.api) where.push(`api = $${params.push(selection.api)}`);
    const dimensions = selection.by.map((name) => `${STATISTICS_DIMENSIONS[name]} AS "${name}"`);
    const outer = selection.by.map((name) => `sums."${name}"`);
    const groups = ['1', ...selection.by.map((_, i) => String(i + 2))].join(', ');
    // Aggregate on the stored period first; only the result rows are formatted.
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT ${[`${period.label} AS period`, ...outer, 'sums.calls'].join(', ')}
         FROM (SELECT ${[period.column, ...dimensions, 'sum(calls)::text AS calls'].join(', ')}
                 FROM ${period.table} WHERE ${where.join(' AND ')}
                GROUP BY ${groups}) AS sums
        ORDER BY ${[`sums.${period.column}`, ...outer].join(', ')}`,
      params,
    );
    return rows.map((row) => ({ ...row, calls: Number(row.calls) }) as StatisticsRow);
  }

  private async upsert(
    manager: EntityManager,
    table: string,
    periodColumn: string,
    periodType: string,
    counts: UsageCount[],
  ): Promise<void> {
    if (counts.length === 0) return;
    const column = (pick: (count: UsageCount) => string | number) => counts.map(pick);
    await manager.query(
      `INSERT INTO ${table} (${periodColumn}, tenant_orgnr, api, legal_basis, decision, reason_code, calls)
       SELECT * FROM unnest($1::${periodType}[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
       ON CONFLICT ON CONSTRAINT "PK_${table}" DO UPDATE SET calls = ${table}.calls + EXCLUDED.calls`,
      [
        column((count) => count.period),
        column((count) => count.tenantOrgnr),
        column((count) => count.api),
        column((count) => count.legalBasis),
        column((count) => count.decision),
        column((count) => count.reasonCode),
        column((count) => count.calls),
      ],
    );
  }
}
