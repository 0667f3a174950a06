import { ApiProperty } from '@nestjs/swagger';
import { AuditEventResponse, type AuditEventView, type AuditPage, toAuditEventResponse } from '#audit';

/** One event of the municipality's own audit log: the request facts and the subject it looked up. */
export class TenantAuditEventResponse extends AuditEventResponse {}

export class TenantAuditPageResponse {
  @ApiProperty({ type: [TenantAuditEventResponse] }) items: TenantAuditEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page' }) nextCursor:
    string | null;
}

/** An operator's action on the tenant shows as done by "operator": the action, never who did it or in which role. */
const OPERATOR = { type: 'operator', id: 'operator', role: null };

function toTenantAuditEvent(event: AuditEventView): TenantAuditEventResponse {
  const response = toAuditEventResponse(event);
  return event.actor.type === 'operator' ? { ...response, actor: OPERATOR, endUser: null } : response;
}

export function toTenantAuditPage(page: AuditPage): TenantAuditPageResponse {
  return { items: page.items.map(toTenantAuditEvent), nextCursor: page.nextCursor };
}
