import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  AuditEventResponse,
  AuditPageQueryDto,
  type AuditEventView,
  type AuditPage,
  toAuditEventResponse,
} from '#audit';

/** `GET /admin/v1/audit` filters: the page and time range, and each given filter narrows the search. */
export class AdminAuditQueryDto extends AuditPageQueryDto {
  @ApiPropertyOptional({ description: "A tenant's orgnr" })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit organisation number' })
  tenant?: string;

  @ApiPropertyOptional({ description: "The municipality's case reference (exact)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caseReference?: string;

  @ApiPropertyOptional({
    description: "A data subject's personidentifikator: the subject-access report across all tenants",
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  subject?: string;
}

/** An event as the auditor sees it: everything, the subject decrypted. */
export class AdminAuditEventResponse extends AuditEventResponse {
  @ApiProperty({ nullable: true, type: String }) tenantOrgnr: string | null;
  @ApiProperty({ nullable: true, type: String }) policyVersion: string | null;
  @ApiProperty({ nullable: true, type: String }) incidentId: string | null;
  @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
}

export class AdminAuditPageResponse {
  @ApiProperty({ type: [AdminAuditEventResponse] }) items: AdminAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor:
    string | null;
}

export function toAdminAuditEvent(event: AuditEventView): AdminAuditEventResponse {
  return {
    ...toAuditEventResponse(event),
    tenantOrgnr: event.tenantOrgnr,
    policyVersion: event.policyVersion,
    incidentId: event.incidentId,
    details: event.details,
  };
}

export function toAdminAuditPage(page: AuditPage): AdminAuditPageResponse {
  return { items: page.items.map(toAdminAuditEvent), nextCursor: page.nextCursor };
}
