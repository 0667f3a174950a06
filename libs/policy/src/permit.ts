import type { ApiName } from './legal-bases.js';
import { type Decision, evaluate } from './evaluator.js';
import type { PolicyInput } from './policy-input.js';

/** The brand of a permit's type. Not exported: no code outside this module can name it. */
declare const ISSUED: unique symbol;
/** The permits this module issued: the run-time check, which a cast or a copy cannot pass. */
const issued = new WeakSet<object>();

/**
 * Proof that the full policy allowed one upstream call for this tenant and API just now. Only
 * `authorize` makes one, and the upstream caller takes nothing else, so no code path (gateway or
 * worker) can call Skatteetaten without a fresh decision.
 */
export interface PolicyPermit {
  readonly [ISSUED]: true;
  readonly tenantOrgnr: string;
  readonly api: ApiName;
  readonly operationId: string;
  readonly policyVersion: string;
  /** Epoch milliseconds of the decision. */
  readonly issuedAt: number;
}

export type Authorization = { decision: Decision; permit: PolicyPermit } | { decision: Decision; permit: undefined };

/** Evaluates every rule of the policy; an allowing decision comes with its permit. */
export function authorize(input: PolicyInput): Authorization {
  const decision = evaluate(input);
  if (!decision.allow) return { decision, permit: undefined };
  const permit = Object.freeze({
    tenantOrgnr: input.orgnr,
    api: input.operation.api,
    operationId: input.operation.operationId,
    policyVersion: decision.policyVersion,
    issuedAt: Date.now(),
  }) as PolicyPermit;
  issued.add(permit);
  return { decision, permit };
}

/** True only for a permit `authorize` issued (a cast or a copy of its fields is not one). */
export function isPolicyPermit(value: unknown): value is PolicyPermit {
  return typeof value === 'object' && value !== null && issued.has(value);
}
