import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { API_NAMES, DomainError } from '#core';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_GRANULARITIES,
  type StatisticsDimension,
  type StatisticsGranularity,
  type StatisticsRow,
  UsageRepository,
} from './usage.repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The default range of each granularity, and the longest one allowed (a bounded answer). */
const RANGE: Record<StatisticsGranularity, { defaultMs: number; maxMs: number }> = {
  hour: { defaultMs: DAY_MS, maxMs: 2 * DAY_MS },
  day: { defaultMs: 30 * DAY_MS, maxMs: 92 * DAY_MS },
  month: { defaultMs: 365 * DAY_MS, maxMs: 10 * 366 * DAY_MS },
};

/** `GET /admin/v1/statistics`: gateway calls per period, filtered and grouped. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ enum: STATISTICS_GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(STATISTICS_GRANULARITIES)
  granularity?: StatisticsGranularity;

  @ApiPropertyOptional({ description: 'Start, inclusive (ISO 8601; default: one day, 30 days or a year back)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive (ISO 8601; default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: "One municipality's orgnr (default: all)" })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit organisation number' })
  tenant?: string;

  @ApiPropertyOptional({ enum: API_NAMES })
  @IsOptional()
  @IsIn(API_NAMES)
  api?: string;

  @ApiPropertyOptional({
    description: `Comma-separated dimensions to group by: ${Object.keys(STATISTICS_DIMENSIONS).join(', ')} (default: decision)`,
    type: String,
    example: 'api,decision',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @IsIn(Object.keys(STATISTICS_DIMENSIONS), { each: true })
  by?: StatisticsDimension[];
}

export class StatisticsRowResponse {
  @ApiProperty({ description: 'The hour (ISO 8601, UTC), day (YYYY-MM-DD) or month (YYYY-MM)' }) period: string;
  @ApiProperty() calls: number;
  @ApiPropertyOptional() tenant?: string;
  @ApiPropertyOptional({ description: "'' for the gateway's own routes (status, audit, …)" }) api?: string;
  @ApiPropertyOptional({ description: "'' where no legal basis was given" }) legalBasis?: string;
  @ApiPropertyOptional({ enum: ['allow', 'deny'] }) decision?: string;
  @ApiPropertyOptional({ description: "The refusal's problem code ('' when allowed)" }) reasonCode?: string;
}

export class StatisticsResponse {
  @ApiProperty({ enum: STATISTICS_GRANULARITIES }) granularity: StatisticsGranularity;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [String] }) by: string[];
  @ApiProperty({ type: [StatisticsRowResponse] }) rows: StatisticsRow[];
}

/** Statistics from the usage rollup the sealer keeps: never a scan of the audit events. */
@Injectable()
export class UsageStatistics {
  constructor(private readonly usage: UsageRepository) {}

  async query(query: StatisticsQueryDto, now = new Date()): Promise<StatisticsResponse> {
    const granularity = query.granularity ?? 'day';
    const range = RANGE[granularity];
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - range.defaultMs);
    if (from >= to) throw new DomainError('invalid-request', 'from must be before to');
    if (to.getTime() - from.getTime() > range.maxMs)
      throw new DomainError(
        'statistics-range-too-large',
        `At most ${Math.round(range.maxMs / DAY_MS)} days per query at granularity ${granularity}`,
      );
    const by = [...new Set<StatisticsDimension>(query.by ?? ['decision'])];
    const rows = await this.usage.totals({ granularity, from, to, tenant: query.tenant, api: query.api, by });
    return { granularity, from: from.toISOString(), to: to.toISOString(), by, rows };
  }
}
