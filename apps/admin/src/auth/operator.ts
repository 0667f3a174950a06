/** Operator roles (DESIGN §7). */
export const OPERATOR_ROLES = ['viewer', 'operator', 'incident-manager', 'auditor'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Every role may read onboarding state; audit routes are for `auditor` alone. */
export const READ_ROLES: readonly OperatorRole[] = OPERATOR_ROLES;

export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);
}

/** The verified operator behind an admin request. */
export interface Operator {
  subject: string;
  name?: string;
  roles: OperatorRole[];
  /** The role that allowed the current route (the first of the route's roles the operator holds). */
  actingRole?: OperatorRole;
}
