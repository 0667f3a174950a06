import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX, type AuditPageRequest } from './audit-reader.js';

/** `?cursor&limit&from&to`: the paging and time range every audit listing takes. */
export class AuditPageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'Events that occurred at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events that occurred before this time (ISO 8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The reader's page request from a validated query. */
export function toAuditPageRequest(query: AuditPageQueryDto): AuditPageRequest {
  return {
    cursor: query.cursor,
    limit: query.limit,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
  };
}
