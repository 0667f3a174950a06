import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { evaluate, rulesNamed, samordnetTrekkTransition, STANDING_RULES } from '#policy';
import { policyInputOf, PolicyStateRepository, UNKNOWN_TENANT } from '#tenancy';
import { buildCatalogue, type Catalogue, type OperationDefinition } from '#upstream';
import type { ExplainQueryDto, ExplanationDto } from './policy-explain.dto.js';

/** The rules an explanation can decide without one request's personal inputs: the tenant's standing, then what was asked. */
const RULES = [...STANDING_RULES, ...rulesNamed('fixed-path-values', 'purpose', 'legal-basis')];

/**
 * GET /admin/v1/policy/explain: what the gateway's evaluator decides for a tenant, operation, legal
 * basis and purpose, and why — the same evaluator, over the state as committed in the database.
 */
@Injectable()
export class PolicyExplainService {
  private readonly catalogue: Catalogue;

  constructor(
    private readonly states: PolicyStateRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.catalogue = buildCatalogue(config.upstream);
  }

  async explain(query: ExplainQueryDto): Promise<ExplanationDto> {
    const operation = this.operation(query.operation);
    const snapshot = await this.states.load(this.config.environment, query.orgnr);
    const input = policyInputOf({
      orgnr: query.orgnr,
      state: snapshot.tenants.get(query.orgnr) ?? UNKNOWN_TENANT,
      platform: snapshot,
      // An explanation names no data subject, so no block can apply.
      blockKey: '',
      environment: this.config.environment,
      limits: this.config.policy,
      operation,
      params: operation.fixedPathValues,
      supplierOrgnr: query.supplier,
      request: { legalBasis: query.legalBasis, purpose: query.purpose },
    });
    const decision = evaluate(input, RULES);
    // The transition rule needs the debtor's oppslag, so it is named rather than evaluated.
    const transition = samordnetTrekkTransition(input);
    return {
      orgnr: query.orgnr,
      operation: operation.id,
      allow: decision.allow,
      code: decision.code,
      status: decision.status,
      reasons: decision.reasons,
      policyVersion: decision.policyVersion,
      operationBasis: decision.operationBasis ?? [],
      ...(decision.legalBasis
        ? { legalBasis: { code: decision.legalBasis.code, title: decision.legalBasis.title } }
        : {}),
      rulesEvaluated: RULES.map((rule) => rule.name),
      ...(transition ? { transition } : {}),
    };
  }

  private operation(id: string): OperationDefinition {
    const all = Object.values(this.catalogue).flatMap((api) => api.operations);
    const found = all.find((operation) => operation.id === id);
    if (!found)
      throw new DomainError('operation-not-in-catalogue', `No catalogue operation is called ${id}`, {
        extensions: { operations: all.map((operation) => operation.id) },
      });
    return found;
  }
}
