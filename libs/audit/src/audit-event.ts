/** What the gateway and admin record (DESIGN §6): one event per gateway request and per operator action. */
export type AuditDecision = 'allow' | 'deny';
/** `registration-send`: the worker's upstream attempts and the settlement of a registration, in the tenant's chain. */
export type AuditEventKind = 'gateway-request' | 'operator-action' | 'registration-send';
export type AuditActorType = 'municipality' | 'supplier' | 'operator';

export interface AuditEventInput {
  kind: AuditEventKind;
  /** null only for platform-wide operator actions (e.g. publishing terms). */
  tenantOrgnr: string | null;
  occurredAt?: Date; // default now
  actor: { type: AuditActorType; id: string; role?: string };
  supplierOrgnr?: string;
  endUser?: string;
  operation: string; // catalogue operation id or operator action name ('tenant.create')
  legalBasis?: string;
  purpose?: string;
  caseReference?: string;
  decision: AuditDecision;
  reasonCode?: string; // problem/policy code
  reasons?: string[];
  policyVersion?: string;
  subject?: string; // raw personidentifikator: stored only as HMAC + AES-GCM
  httpStatus?: number;
  upstreamStatus?: number;
  korrelasjonsid?: string;
  correlationId?: string;
  bytes?: number;
  latencyMs?: number;
  incidentId?: string;
  details?: Record<string, unknown>; // operator action before/after; never personal data
}

/** A committed event as the readers return it (no subject hash or ciphertext leaves libs/audit). */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  recordedAt: string;
  kind: AuditEventKind;
  tenantOrgnr: string | null;
  actor: { type: AuditActorType; id: string; role: string | null };
  supplierOrgnr: string | null;
  endUser: string | null;
  operation: string;
  legalBasis: string | null;
  purpose: string | null;
  caseReference: string | null;
  decision: AuditDecision;
  reasonCode: string | null;
  reasons: string[];
  policyVersion: string | null;
  /** Whether the event concerned a data subject. */
  subjectPresent: boolean;
  /** The decrypted personidentifikator, for readers entitled to it; null when none (or its key is retired). */
  subject: string | null;
  httpStatus: number | null;
  upstreamStatus: number | null;
  korrelasjonsid: string | null;
  correlationId: string | null;
  bytes: number | null;
  latencyMs: number | null;
  incidentId: string | null;
  details: Record<string, unknown> | null;
}
