import { describe, expect, it } from '@jest/globals';
import {
  allowedActions,
  DECLARATION_ACTIONS,
  DECLARATION_STATUSES,
  type DeclarationAction,
  type DeclarationStatus,
  InvalidTransitionError,
  nextStatus,
} from './declaration-state.js';

/** The whole lifecycle, written out: every (status, action) pair not listed here must be refused. */
const LEGAL: Array<[DeclarationStatus, DeclarationAction, DeclarationStatus]> = [
  ['received', 'forward', 'forwarded'],
  ['received', 'terminate', 'terminated'],
  ['forwarded', 'approve', 'approved'],
  ['forwarded', 'reject', 'rejected'],
  ['forwarded', 'terminate', 'terminated'],
  ['approved', 'activate', 'active'],
  ['approved', 'terminate', 'terminated'],
  ['active', 'suspend', 'suspended'],
  ['active', 'terminate', 'terminated'],
  ['suspended', 'resume', 'active'],
  ['suspended', 'terminate', 'terminated'],
];

const ILLEGAL = DECLARATION_STATUSES.flatMap((status) =>
  DECLARATION_ACTIONS.filter((action) => !LEGAL.some(([from, act]) => from === status && act === action)).map(
    (action) => [status, action] as const,
  ),
);

describe('declaration state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each(ILLEGAL)('refuses %s --%s--> with the allowed actions', (from, action) => {
    let thrown: unknown;
    try {
      nextStatus(from, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTransitionError);
    expect((thrown as InvalidTransitionError).allowed).toEqual(
      LEGAL.filter(([status]) => status === from).map(([, act]) => act),
    );
  });

  it('has exactly the 49 pairs covered, and two final states', () => {
    expect(LEGAL.length + ILLEGAL.length).toBe(DECLARATION_STATUSES.length * DECLARATION_ACTIONS.length);
    expect(allowedActions('rejected')).toEqual([]);
    expect(allowedActions('terminated')).toEqual([]);
  });
});
