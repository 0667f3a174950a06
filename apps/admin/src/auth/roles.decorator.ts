import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { ProblemCode } from '#core';
import { ApiProblems } from '#runtime';
import { OperatorAuthGuard, ROLES_METADATA } from './operator-auth.guard.js';
import type { OperatorRole } from './operator.js';

/** The roles allowed on a route (any one suffices). A route without @Roles is refused to everyone. */
export function Roles(...roles: OperatorRole[]): MethodDecorator & ClassDecorator {
  return SetMetadata(ROLES_METADATA, roles);
}

/** What the operator guard answers before any route runs. */
const OPERATOR_AUTH_PROBLEMS: readonly ProblemCode[] = [
  'operator-token-missing',
  'operator-token-invalid',
  'operator-role-missing',
  'operator-idp-unavailable',
  'internal-error',
];

/** Put on every admin controller: operator token required, then the route's @Roles. */
export function OperatorAuth(): ClassDecorator {
  return applyDecorators(UseGuards(OperatorAuthGuard), ApiBearerAuth(), ApiProblems(...OPERATOR_AUTH_PROBLEMS));
}

/**
 * A route's problem answers with the guard's: the document lists responses per status, and a
 * route's own would otherwise hide the controller's of the same status.
 */
export function ApiOperatorProblems(...codes: ProblemCode[]): MethodDecorator {
  return ApiProblems(...OPERATOR_AUTH_PROBLEMS, ...codes);
}
