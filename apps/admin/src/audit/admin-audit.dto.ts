import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX, type AuditEventView, type AuditPage } from '../../../../libs/audit/src/index.js';

/** `GET /admin/v1/audit` filters; each given one narrows the search. */
export class AdminAuditQueryDto {
  @ApiPropertyOptional({ description: "A tenant's orgnr" })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit organisation number' })
  tenant?: string;

  @ApiPropertyOptional({ description: 'Events that occurred at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events that occurred before this time (ISO 8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: "The municipality's case reference (exact)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caseReference?: string;

  @ApiPropertyOptional({ description: "A data subject's personidentifikator: the subject-access report across all tenants" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  subject?: string;

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
}

export class AdminAuditActorResponse {
  @ApiProperty({ enum: ['municipality', 'supplier', 'operator'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
}

/** One event as the auditor sees it: every stored fact, the subject decrypted. */
export class AdminAuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ enum: ['gateway-request', 'operator-action'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) tenantOrgnr: string | null;
  @ApiProperty({ type: AdminAuditActorResponse }) actor: AdminAuditActorResponse;
  @ApiProperty({ nullable: true, type: String }) supplierOrgnr: string | null;
  @ApiProperty({ nullable: true, type: String }) endUser: string | null;
  @ApiProperty() operation: string;
  @ApiProperty({ nullable: true, type: String }) legalBasis: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: String }) caseReference: string | null;
  @ApiProperty({ enum: ['allow', 'deny'] }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reasonCode: string | null;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ nullable: true, type: String }) policyVersion: string | null;
  @ApiProperty() subjectPresent: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The decrypted personidentifikator' }) subject: string | null;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number }) upstreamStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) korrelasjonsid: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ nullable: true, type: Number }) bytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
  @ApiProperty({ nullable: true, type: String }) incidentId: string | null;
  @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
}

export class AdminAuditPageResponse {
  @ApiProperty({ type: [AdminAuditEventResponse] }) items: AdminAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor: string | null;
}

export function toAdminAuditEvent(event: AuditEventView): AdminAuditEventResponse {
  return {
    id: event.id,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    kind: event.kind,
    tenantOrgnr: event.tenantOrgnr,
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
    policyVersion: event.policyVersion,
    subjectPresent: event.subjectPresent,
    subject: event.subject,
    httpStatus: event.httpStatus,
    upstreamStatus: event.upstreamStatus,
    korrelasjonsid: event.korrelasjonsid,
    correlationId: event.correlationId,
    bytes: event.bytes,
    latencyMs: event.latencyMs,
    incidentId: event.incidentId,
    details: event.details,
  };
}

export function toAdminAuditPage(page: AuditPage): AdminAuditPageResponse {
  return { items: page.items.map(toAdminAuditEvent), nextCursor: page.nextCursor };
}
