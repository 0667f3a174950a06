import type { PolicyConfig, PlatformEnvironment } from '#core';
import type { ApiName, PolicyInput, RequestContext, SamordnetTrekkOppslag } from '#policy';
import type { PolicyStateSnapshot, TenantPolicyState } from './policy-state.js';

/** What of a catalogue operation the policy judges (structurally a libs/upstream OperationDefinition). */
export interface PolicyOperation {
  id: string;
  api: ApiName;
  registers: boolean;
  fixedPathValues: Record<string, string>;
}

export interface PolicyInputParts {
  orgnr: string;
  state: TenantPolicyState;
  platform: Pick<PolicyStateSnapshot, 'terms' | 'pausedApis' | 'blockedSubjectHashes'>;
  /** Key of the blocked-subject hashes; empty when no data subject can be named. */
  blockKey: string;
  environment: PlatformEnvironment;
  limits: Pick<PolicyConfig, 'maxPeriodMonths' | 'incomeYears' | 'samordnetTrekk'>;
  operation: PolicyOperation;
  /** The path parameters as given (fixed values are checked against them). */
  params: Record<string, string>;
  supplierOrgnr?: string;
  request: RequestContext;
  /** A registration's latest recorded oppslag samordnet trekk for its subject (none: refused during the transition). */
  samordnetTrekk?: SamordnetTrekkOppslag;
}

/** The evaluator's input from the policy state and one request: the gateway's decisions and the admin's explanations build it alike. */
export function policyInputOf(parts: PolicyInputParts): PolicyInput {
  const { orgnr, state, platform, operation, params, supplierOrgnr } = parts;
  return {
    orgnr,
    tenant: state.tenant,
    declaration: state.declaration,
    terms: platform.terms,
    supplier: supplierOrgnr ? { orgnr: supplierOrgnr, registered: state.suppliers.has(supplierOrgnr) } : undefined,
    pausedApis: platform.pausedApis,
    blockedSubjects: { key: parts.blockKey, hashes: platform.blockedSubjectHashes },
    environment: parts.environment,
    operation: {
      api: operation.api,
      operationId: operation.id,
      registers: operation.registers,
      fixedPathValues: Object.entries(operation.fixedPathValues).map(([name, expected]) => ({
        name,
        expected,
        given: params[name],
      })),
    },
    request: parts.request,
    samordnetTrekk: parts.samordnetTrekk,
    now: new Date().toISOString(),
    limits: {
      maxPeriodMonths: parts.limits.maxPeriodMonths,
      incomeYears: parts.limits.incomeYears,
      samordnetTrekk: parts.limits.samordnetTrekk,
    },
  };
}
