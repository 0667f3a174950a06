import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX, type AuditEventView, type AuditPage } from '../../../../libs/audit/src/index.js';

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

export class AuditActorResponse {
  @ApiProperty({ enum: ['municipality', 'supplier', 'operator'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
}

/** One event of the municipality's own audit log. */
export class TenantAuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ enum: ['gateway-request', 'operator-action'] }) kind: string;
  @ApiProperty({ type: AuditActorResponse }) actor: AuditActorResponse;
  @ApiProperty({ nullable: true, type: String }) supplierOrgnr: string | null;
  @ApiProperty({ nullable: true, type: String }) endUser: string | null;
  @ApiProperty() operation: string;
  @ApiProperty({ nullable: true, type: String }) legalBasis: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: String }) caseReference: string | null;
  @ApiProperty({ enum: ['allow', 'deny'] }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reasonCode: string | null;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() subjectPresent: boolean;
  @ApiProperty({ nullable: true, type: String, description: "The data subject's personidentifikator (the municipality is the controller of its own look-ups)" })
  subject: string | null;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number }) upstreamStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) korrelasjonsid: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ nullable: true, type: Number }) bytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
}

export class TenantAuditPageResponse {
  @ApiProperty({ type: [TenantAuditEventResponse] }) items: TenantAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor: string | null;
}

/**
 * What a municipality sees of an event: the request facts and the subject it looked up, but not
 * the operator-internal fields (policy version, incident id, operator details).
 */
export function toTenantAuditEvent(event: AuditEventView): TenantAuditEventResponse {
  return {
    id: event.id,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    kind: event.kind,
    actor: event.actor,
    supplierOrgnr: event.supplierOrgnr,
    endUser: event.endUser,
    operation: event.operation,
    legalBasis: event.legalBasis,
    purpose: event.purpose,
    caseReference: event.caseReference,
    decision: event.decision,
    reasonCode: event.reasonCode,
    reasons: event.reasons,
    subjectPresent: event.subjectPresent,
    subject: event.subject,
    httpStatus: event.httpStatus,
    upstreamStatus: event.upstreamStatus,
    korrelasjonsid: event.korrelasjonsid,
    correlationId: event.correlationId,
    bytes: event.bytes,
    latencyMs: event.latencyMs,
  };
}

export function toTenantAuditPage(page: AuditPage): TenantAuditPageResponse {
  return { items: page.items.map(toTenantAuditEvent), nextCursor: page.nextCursor };
}
