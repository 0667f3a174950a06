import { ApiProperty } from '@nestjs/swagger';
import { AuditEventResponse, type AuditPage, toAuditEventResponse } from '../../../../libs/audit/src/index.js';

/** One event of the municipality's own audit log: the request facts and the subject it looked up. */
export class TenantAuditEventResponse extends AuditEventResponse {}

export class TenantAuditPageResponse {
  @ApiProperty({ type: [TenantAuditEventResponse] }) items: TenantAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor: string | null;
}

export function toTenantAuditPage(page: AuditPage): TenantAuditPageResponse {
  return { items: page.items.map(toAuditEventResponse), nextCursor: page.nextCursor };
}
