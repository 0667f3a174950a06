import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '#core';
import type { Operator } from './operator.js';

/** The operator the guard verified (routes behind OperatorAuthGuard only). */
export const CurrentOperator = createParamDecorator((_data: unknown, context: ExecutionContext): Operator => {
  const operator = context.switchToHttp().getRequest<{ operator?: Operator }>().operator;
  if (!operator) throw new DomainError('operator-token-missing', 'No verified operator on this request');
  return operator;
});
