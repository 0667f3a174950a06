import type { AuditEventInput } from '#audit';
import type { RegistrationEntity } from '#database';
import { storedBodySubject } from '#upstream';

/** One worker step of a registration, as its audit event records it. */
export interface SendStep {
  step: 'attempt' | 'settlement';
  /** attempt: `answered`, `unknown` (no answer: it may have arrived) or `error`; settlement: the final status. */
  outcome: string;
  decision: 'allow' | 'deny';
  reasonCode?: string;
  reasons?: string[];
  policyVersion?: string;
  upstreamStatus?: number;
  korrelasjonsid?: string;
  latencyMs?: number;
}

/**
 * The audit event of a worker step (kind `registration-send`, in the tenant's chain): acting for
 * the caller who made the registration, with its context, and the data subject its body named.
 */
export function registrationSendEvent(registration: RegistrationEntity, step: SendStep): AuditEventInput {
  const { context } = registration;
  return {
    kind: 'registration-send',
    tenantOrgnr: registration.tenantOrgnr,
    actor: { type: context.supplierOrgnr ? 'supplier' : 'municipality', id: registration.callerOrgnr },
    supplierOrgnr: context.supplierOrgnr,
    endUser: context.endUser,
    operation: registration.operation,
    legalBasis: context.legalBasis,
    purpose: context.purpose,
    caseReference: context.caseReference,
    decision: step.decision,
    reasonCode: step.reasonCode,
    reasons: step.reasons,
    policyVersion: step.policyVersion,
    subject: storedBodySubject(registration.operation, registration.requestBody),
    upstreamStatus: step.upstreamStatus,
    korrelasjonsid: step.korrelasjonsid,
    correlationId: context.correlationId,
    latencyMs: step.latencyMs,
    details: {
      registrationId: registration.id,
      step: step.step,
      outcome: step.outcome,
      attempt: registration.attempts,
    },
  };
}
