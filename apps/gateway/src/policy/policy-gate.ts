import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, ConfigError, DomainError, type ProblemCode } from '../../../../libs/core/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';
import { type Decision, evaluate, type PolicyInput, type PolicyRule } from '../../../../libs/policy/src/index.js';
import type { MatchedOperation } from '../../../../libs/upstream/src/index.js';
import { headerOf } from '../tenant-api/upstream-request.js';
import type { TenantPolicyState } from '../../../../libs/tenancy/src/index.js';
import { PolicyStateStore } from './policy-state.store.js';

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Builds the evaluator's input from the request and this process's policy state, and enforces the decision. */
@Injectable()
export class PolicyGate {
  private readonly blockKey: string;

  constructor(
    private readonly store: PolicyStateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Without the key no blocked subject could ever match, so blocks would silently not apply.
    if (!config.policy.subjectBlockKey) throw new ConfigError(['POLICY_SUBJECT_BLOCK_KEY is required (the key of blocked data subjects)']);
    this.blockKey = config.policy.subjectBlockKey;
  }

  /** The decision for a tenant request; a refusal is thrown as its problem (400, 403 or 503). */
  enforce(orgnr: string, caller: Caller, matched: MatchedOperation, request: FastifyRequest): { decision: Decision; state: TenantPolicyState } {
    const state = this.store.stateOf(orgnr);
    const decision = evaluate(this.inputFor(orgnr, caller, matched, request, state));
    if (!decision.allow) {
      // Every refusal code of the evaluator is a problem code (a missing one fails to compile here).
      const code: ProblemCode = decision.code as Exclude<typeof decision.code, 'allowed'>;
      throw new DomainError(code, decision.reasons.join(' '), {
        status: decision.status,
        extensions: { reasons: decision.reasons, policyVersion: decision.policyVersion },
      });
    }
    return { decision, state };
  }

  /** The decision under a subset of the rules (no request context), for /status and explain. */
  explain(orgnr: string, caller: Caller | undefined, operation: MatchedOperation, rules: readonly PolicyRule[]): Decision {
    const state = this.store.stateOf(orgnr);
    return evaluate(this.inputFor(orgnr, caller, operation, undefined, state), rules);
  }

  private inputFor(orgnr: string, caller: Caller | undefined, matched: MatchedOperation, request: FastifyRequest | undefined, state: TenantPolicyState): PolicyInput {
    const { operation, params } = matched;
    const query = (request?.query ?? {}) as Record<string, unknown>;
    const platform = this.store.platformWide();
    const takesPeriod = operation.requiredQuery.includes('fraOgMed');
    return {
      orgnr,
      tenant: state.tenant,
      declaration: state.declaration,
      terms: platform.terms,
      supplier: caller?.supplierOrgnr ? { orgnr: caller.supplierOrgnr, registered: state.suppliers.has(caller.supplierOrgnr) } : undefined,
      pausedApis: platform.pausedApis,
      blockedSubjects: { key: this.blockKey, hashes: platform.blockedSubjectHashes },
      environment: this.config.environment,
      operation: {
        api: operation.api,
        operationId: operation.id,
        registers: operation.registers,
        fixedPathValues: Object.entries(operation.fixedPathValues).map(([name, expected]) => ({ name, expected, given: params[name] })),
      },
      request: request
        ? {
            legalBasis: headerOf(request, 'x-legal-basis'),
            purpose: headerOf(request, 'x-purpose'),
            caseReference: headerOf(request, 'x-case-reference'),
            endUser: headerOf(request, 'x-end-user'),
            personidentifikator: params.personidentifikator,
            period: takesPeriod ? { fraOgMed: single(query.fraOgMed), tilOgMed: single(query.tilOgMed) } : undefined,
            inntektsaar: params.inntektsaar,
          }
        : {},
      now: new Date().toISOString(),
      limits: { maxPeriodMonths: this.config.policy.maxPeriodMonths, incomeYears: this.config.policy.incomeYears },
    };
  }
}
