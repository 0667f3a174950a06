import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { OperatorAuthGuard, ROLES_METADATA } from './operator-auth.guard.js';
import type { OperatorRole } from './operator.js';

/** The roles allowed on a route (any one suffices). A route without @Roles is refused to everyone. */
export function Roles(...roles: OperatorRole[]): MethodDecorator & ClassDecorator {
  return SetMetadata(ROLES_METADATA, roles);
}

/** Put on every admin controller: operator token required, then the route's @Roles. */
export function OperatorAuth(): ClassDecorator {
  return applyDecorators(
    UseGuards(OperatorAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'operator-token-missing / operator-token-invalid' }),
    ApiForbiddenResponse({ description: 'operator-role-missing' }),
  );
}
