import { ApiProperty } from '@nestjs/swagger';
import type { AuditEventView } from './audit-event.js';

export class AuditActorResponse {
  @ApiProperty({ enum: ['municipality', 'supplier', 'operator'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
}

/** An event as every reader may see it: the request facts, never the operator-internal fields. */
export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ enum: ['gateway-request', 'operator-action', 'registration-send'] }) kind: string;
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
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "The data subject's personidentifikator, decrypted for a reader entitled to it (the municipality for its own look-ups, the auditor)",
  })
  subject: string | null;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number }) upstreamStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) korrelasjonsid: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ nullable: true, type: Number }) bytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
}

export function toAuditEventResponse(event: AuditEventView): AuditEventResponse {
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
