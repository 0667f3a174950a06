import type { ProblemCode } from '#core';
import type { RequiredInput } from '#policy';
import type { OperationDefinition } from '#upstream';
import { TENANT_GUARD_PROBLEMS } from './tenant-route.js';

/** Every catalogue operation: the path, format, standing policy rules, limits, Maskinporten and the upstream. */
const CATALOGUE_PROBLEMS: readonly ProblemCode[] = [
  'path-invalid',
  'invalid-request',
  'not-acceptable',
  'tenant-suspended',
  'api-suspended-for-tenant',
  'api-paused',
  'declaration-missing',
  'declaration-not-active',
  'declaration-api-not-covered',
  'declaration-environment-mismatch',
  'terms-not-accepted',
  'purpose-missing',
  'purpose-not-allowed',
  'legal-basis-missing',
  'legal-basis-unknown',
  'legal-basis-not-registered',
  'case-reference-missing',
  'case-reference-invalid',
  'end-user-missing',
  'end-user-invalid',
  'rate-limit-exceeded',
  'limits-unavailable',
  'too-many-concurrent-calls',
  'delegation-missing',
  'scope-not-granted',
  'maskinporten-unavailable',
  'maskinporten-misconfigured',
  'upstream-rejected',
  'upstream-throttled',
  'upstream-auth-failed',
  'upstream-error',
  'upstream-response-too-large',
  'upstream-unavailable',
  'upstream-timeout',
];

/** The policy's input checks, by what the API requires (libs/policy API_RULES). */
const INPUT_PROBLEMS: Record<RequiredInput, readonly ProblemCode[]> = {
  personidentifikator: ['invalid-personidentifikator', 'subject-blocked'],
  period: ['period-invalid', 'period-reversed', 'period-too-long', 'period-out-of-range'],
  inntektsaar: ['income-year-invalid', 'income-year-out-of-range'],
};

/** A body is parsed and checked against its model before the policy (libs/upstream bodies). */
const BODY_PROBLEMS: readonly ProblemCode[] = [
  'malformed-body',
  'payload-too-large',
  'unsupported-media-type',
  'invalid-body',
  'subject-missing',
  'subject-invalid',
  'subject-blocked',
];

/** A binary upload: its media type, judged by its first bytes, and its size. */
const UPLOAD_PROBLEMS: readonly ProblemCode[] = ['unsupported-media-type', 'vedlegg-not-pdf', 'vedlegg-too-large'];

/** A registration: its key, the documents it references, the 2026 transition rule, and the durable store. */
const REGISTRATION_PROBLEMS: readonly ProblemCode[] = [
  'vedlegg-unknown',
  'idempotency-key-missing',
  'idempotency-key-invalid',
  'idempotency-key-reused',
  'samordnet-trekk-not-confirmed',
  'queue-unavailable',
];

/** The problem codes a catalogue operation can answer with. */
export function operationProblems(operation: OperationDefinition, required: readonly RequiredInput[]): ProblemCode[] {
  return [
    ...TENANT_GUARD_PROBLEMS,
    ...CATALOGUE_PROBLEMS,
    ...required.flatMap((input) => INPUT_PROBLEMS[input]),
    ...(operation.body ? BODY_PROBLEMS : []),
    ...(operation.upload ? UPLOAD_PROBLEMS : []),
    ...(operation.registers ? REGISTRATION_PROBLEMS : []),
  ];
}
