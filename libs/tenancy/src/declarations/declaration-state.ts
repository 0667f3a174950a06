/**
 * The connection declaration's lifecycle (DESIGN §7), as a pure table:
 *
 *   received ─forward─▶ forwarded ─approve─▶ approved ─activate─▶ active ⇄ suspended
 *                                 └reject──▶ rejected
 *
 * `terminate` ends every state that granted or may still grant access (received, forwarded,
 * approved, active, suspended). `rejected` and `terminated` are final: a rejected declaration
 * never granted anything, so there is nothing to terminate; the municipality signs a new one.
 * A declaration made under an existing consumer agreement is created `active` (no transition).
 * `forward` is asked for in `received`; the status becomes `forwarded` only once the intake
 * has answered (the worker applies the `forward` transition then).
 */
export const DECLARATION_STATUSES = [
  'received',
  'forwarded',
  'approved',
  'rejected',
  'active',
  'suspended',
  'terminated',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export const DECLARATION_ACTIONS = [
  'forward',
  'approve',
  'reject',
  'activate',
  'suspend',
  'resume',
  'terminate',
] as const;
export type DeclarationAction = (typeof DECLARATION_ACTIONS)[number];

export const DECLARATION_TRANSITIONS: Readonly<
  Record<DeclarationAction, { from: readonly DeclarationStatus[]; to: DeclarationStatus }>
> = {
  forward: { from: ['received'], to: 'forwarded' },
  approve: { from: ['forwarded'], to: 'approved' },
  reject: { from: ['forwarded'], to: 'rejected' },
  activate: { from: ['approved'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  terminate: { from: ['received', 'forwarded', 'approved', 'active', 'suspended'], to: 'terminated' },
};

/** The actions allowed in a status, in lifecycle order. */
export function allowedActions(status: DeclarationStatus): DeclarationAction[] {
  return DECLARATION_ACTIONS.filter((action) => DECLARATION_TRANSITIONS[action].from.includes(status));
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly status: DeclarationStatus,
    readonly action: DeclarationAction,
    readonly allowed: DeclarationAction[],
  ) {
    super(`"${action}" is not allowed on a ${status} declaration`);
    this.name = 'InvalidTransitionError';
  }
}

/** The status after `action`, or InvalidTransitionError naming the allowed actions. */
export function nextStatus(status: DeclarationStatus, action: DeclarationAction): DeclarationStatus {
  const transition = DECLARATION_TRANSITIONS[action];
  if (!transition.from.includes(status)) throw new InvalidTransitionError(status, action, allowedActions(status));
  return transition.to;
}
