import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError, DomainError, type ProblemCode } from '#core';
import type { Caller } from '#maskinporten';
import {
  authorize,
  type Decision,
  evaluate,
  type PolicyInput,
  type PolicyPermit,
  rulesNamed,
  type ResignDue,
  resignDue,
  type SamordnetTrekkOppslag,
  samordnetTrekkTransition,
  STANDING_RULES,
} from '#policy';
import type { MatchedOperation } from '#upstream';
import { SamordnetTrekkLedger } from '#registrations';
import { policyInputOf, type TenantPolicyState } from '#tenancy';
import type { TenantCall } from '../tenancy/tenant-call.js';
import { PolicyStateStore } from './policy-state.store.js';

/** Reading a registration receipt: the tenant is not suspended, nor its utleggstrekk API, and a supplier is registered. */
const RECEIPT_RULES = rulesNamed('tenant', 'api-suspension', 'supplier');

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Builds the evaluator's input from the request and this process's policy state, and enforces the decision. */
@Injectable()
export class PolicyGate {
  private readonly blockKey: string;

  constructor(
    private readonly store: PolicyStateStore,
    private readonly samordnetTrekk: SamordnetTrekkLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Without the key no blocked subject could ever match, so blocks would silently not apply.
    if (!config.policy.subjectBlockKey)
      throw new ConfigError(['POLICY_SUBJECT_BLOCK_KEY is required (the key of blocked data subjects)']);
    this.blockKey = config.policy.subjectBlockKey;
  }

  /**
   * The decision for a tenant request (`bodySubject`: the validated data subject of its body) and
   * the permit it issues; a refusal is thrown as its problem (400, 403, 409 or 503). During the 2026
   * transition a registration's decision reads the tenant's latest oppslag samordnet trekk for it.
   */
  async enforce(
    call: TenantCall,
    matched: MatchedOperation,
    bodySubject?: string,
  ): Promise<{ decision: Decision; state: TenantPolicyState; permit: PolicyPermit }> {
    const orgnr = call.tenant.value;
    const state = this.store.stateOf(orgnr);
    const input = this.inputFor(orgnr, call.caller, matched, call, state, bodySubject);
    const samordnetTrekk = await this.latestOppslag(input, bodySubject);
    const { decision, permit } = authorize({ ...input, samordnetTrekk });
    if (!permit) throw refusalOf(decision);
    return { decision, state, permit };
  }

  /** Only while the transition applies to the operation: otherwise no read, and the rule passes without one. */
  private async latestOppslag(
    input: PolicyInput,
    bodySubject: string | undefined,
  ): Promise<SamordnetTrekkOppslag | undefined> {
    if (bodySubject === undefined || !samordnetTrekkTransition(input)) return undefined;
    return this.samordnetTrekk.latest(input.orgnr, bodySubject);
  }

  /** Reading a stored registration receipt (RECEIPT_RULES); a refusal is thrown as its problem. */
  enforceReceipt(orgnr: string, caller: Caller, registering: MatchedOperation, state: TenantPolicyState): void {
    const decision = evaluate(this.inputFor(orgnr, caller, registering, undefined, state), RECEIPT_RULES);
    if (!decision.allow) throw refusalOf(decision);
  }

  /** The decision of the tenant's standing rules alone (no request context), for /status. */
  standing(orgnr: string, caller: Caller, operation: MatchedOperation, state: TenantPolicyState): Decision {
    return evaluate(this.inputFor(orgnr, caller, operation, undefined, state), STANDING_RULES);
  }

  /** The re-signing the tenant's declaration owes (/status warns before the deadline). */
  resignDue(state: TenantPolicyState): ResignDue[] {
    return resignDue({
      declaration: state.declaration,
      terms: this.store.platformWide().terms,
      now: new Date().toISOString(),
    });
  }

  private inputFor(
    orgnr: string,
    caller: Caller | undefined,
    matched: MatchedOperation,
    call: TenantCall | undefined,
    state: TenantPolicyState,
    bodySubject?: string,
  ): PolicyInput {
    const { operation, params } = matched;
    const query = call?.query ?? {};
    return policyInputOf({
      orgnr,
      state,
      platform: this.store.platformWide(),
      blockKey: this.blockKey,
      environment: this.config.environment,
      limits: this.config.policy,
      operation,
      params,
      supplierOrgnr: caller?.supplierOrgnr,
      request: call
        ? {
            ...call.context,
            personidentifikator: params.personidentifikator,
            bodySubject,
            period: operation.requiredQuery.includes('fraOgMed')
              ? { fraOgMed: single(query.fraOgMed), tilOgMed: single(query.tilOgMed) }
              : undefined,
            inntektsaar: params.inntektsaar,
          }
        : {},
    });
  }
}

/** A refusing decision as its problem (400, 403 or 503). */
function refusalOf(decision: Decision): DomainError {
  // Every refusal code of the evaluator is a problem code (a missing one fails to compile here).
  const code: ProblemCode = decision.code as Exclude<typeof decision.code, 'allowed'>;
  return new DomainError(code, decision.reasons.join(' '), {
    status: decision.status,
    extensions: { reasons: decision.reasons, policyVersion: decision.policyVersion },
  });
}
