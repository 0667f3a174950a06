import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { ProblemCode } from '#core';
import { ApiProblems } from '#runtime';

/** The `{orgnr}` of every /api/v1/{orgnr}/… path. */
export const ORGNR_PARAMETER = {
  name: 'orgnr',
  in: 'path',
  required: true,
  description: "The municipality's organisation number; the token's consumer must be this organisation",
  schema: { type: 'string', pattern: '^[0-9]{9}$' },
  example: '958935420',
} as const;

/** What the tenant guard refuses before any route runs (README, "Tenant routes"). */
export const TENANT_GUARD_PROBLEMS: readonly ProblemCode[] = [
  'too-many-refused-requests',
  'token-missing',
  'token-malformed',
  'token-expired',
  'token-not-yet-valid',
  'token-issuer-invalid',
  'token-signature-invalid',
  'token-algorithm-not-allowed',
  'token-scope-missing',
  'token-consumer-invalid',
  'token-supplier-invalid',
  'token-system-user-not-supported',
  'token-audience-invalid',
  'invalid-orgnr',
  'tenant-mismatch',
  'tenant-unknown',
  'tenant-terminated',
  'tenant-succeeded',
  'supplier-not-registered',
  'audit-unavailable',
  'policy-state-unavailable',
  'internal-error',
];

/** A route behind the tenant guard: its `{orgnr}`, and the guard's problems with the route's own. */
export function ApiTenantRoute(...codes: ProblemCode[]): MethodDecorator {
  const { name, description, schema, example } = ORGNR_PARAMETER;
  return applyDecorators(
    ApiParam({ name, description, schema: { ...schema }, example }),
    ApiProblems(...TENANT_GUARD_PROBLEMS, ...codes),
  );
}
