import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '../../../../libs/core/src/index.js';
import { evaluate, POLICY_RULES } from '../../../../libs/policy/src/index.js';
import { PolicyStateRepository, UNKNOWN_TENANT } from '../../../../libs/tenancy/src/index.js';
import { buildCatalogue, type Catalogue, type OperationDefinition } from '../../../../libs/upstream/src/index.js';
import type { ExplainQueryDto, ExplanationDto } from './policy-explain.dto.js';

/** The rules an explanation can decide without one request's personal inputs. */
const EXPLAINABLE = ['orgnr', 'tenant', 'api-suspension', 'api-pause', 'supplier', 'declaration', 'terms', 'fixed-path-values', 'purpose', 'legal-basis'];
const RULES = POLICY_RULES.filter((rule) => EXPLAINABLE.includes(rule.name));

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
    const state = snapshot.tenants.get(query.orgnr) ?? UNKNOWN_TENANT;
    const decision = evaluate(
      {
        orgnr: query.orgnr,
        tenant: state.tenant,
        declaration: state.declaration,
        terms: snapshot.terms,
        supplier: query.supplier ? { orgnr: query.supplier, registered: state.suppliers.has(query.supplier) } : undefined,
        pausedApis: snapshot.pausedApis,
        // An explanation names no data subject, so no block can apply.
        blockedSubjects: { key: '', hashes: new Set() },
        environment: this.config.environment,
        operation: {
          api: operation.api,
          operationId: operation.id,
          registers: operation.registers,
          fixedPathValues: Object.entries(operation.fixedPathValues).map(([name, expected]) => ({ name, expected, given: expected })),
        },
        request: { legalBasis: query.legalBasis, purpose: query.purpose },
        now: new Date().toISOString(),
        limits: { maxPeriodMonths: this.config.policy.maxPeriodMonths, incomeYears: this.config.policy.incomeYears },
      },
      RULES,
    );
    return {
      orgnr: query.orgnr,
      operation: operation.id,
      allow: decision.allow,
      code: decision.code,
      status: decision.status,
      reasons: decision.reasons,
      policyVersion: decision.policyVersion,
      operationBasis: decision.operationBasis ?? [],
      ...(decision.legalBasis ? { legalBasis: { code: decision.legalBasis.code, title: decision.legalBasis.title } } : {}),
      rulesEvaluated: RULES.map((rule) => rule.name),
    };
  }

  private operation(id: string): OperationDefinition {
    const all = Object.values(this.catalogue).flatMap((api) => api.operations);
    const found = all.find((operation) => operation.id === id);
    if (!found) throw new DomainError('operation-not-in-catalogue', `No catalogue operation is called ${id}`, { extensions: { operations: all.map((operation) => operation.id) } });
    return found;
  }
}
