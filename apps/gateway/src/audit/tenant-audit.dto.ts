import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX, AuditEventResponse, type AuditPage, toAuditEventResponse } from '../../../../libs/audit/src/index.js';

/** `?cursor&limit&from&to` of the tenant's audit listing. */
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

/** One event of the municipality's own audit log: the request facts and the subject it looked up. */
export class TenantAuditEventResponse extends AuditEventResponse {}

export class TenantAuditPageResponse {
  @ApiProperty({ type: [TenantAuditEventResponse] }) items: TenantAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor: string | null;
}

export function toTenantAuditPage(page: AuditPage): TenantAuditPageResponse {
  return { items: page.items.map(toAuditEventResponse), nextCursor: page.nextCursor };
}
