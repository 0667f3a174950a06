import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '#core';
import type { Operator, OperatorRole } from './operator.js';
import { OperatorTokenVerifier } from './operator-token-verifier.js';

export const ROLES_METADATA = 'operator-roles';

interface OperatorRequest {
  headers: Record<string, string | string[] | undefined>;
  operator?: Operator;
}

/** 401 without a valid operator token; 403 unless the operator holds one of the route's @Roles (none declared: nobody). */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: OperatorTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<OperatorRequest>();
    const header = request.headers.authorization;
    const operator = await this.verifier.verifyAuthorization(Array.isArray(header) ? header[0] : header);
    const allowed =
      this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const actingRole = allowed.find((role) => operator.roles.includes(role));
    if (!actingRole) {
      throw new DomainError(
        'operator-role-missing',
        allowed.length > 0 ? `This action needs one of the roles: ${allowed.join(', ')}` : 'No role may use this route',
        {
          extensions: { requiredRoles: allowed },
        },
      );
    }
    request.operator = { ...operator, actingRole };
    return true;
  }
}
