import type { ApiName } from './legal-bases.js';

export type Environment = 'test' | 'prod';
export type TenantStatus = 'active' | 'suspended' | 'terminated' | 'succeeded';
export type DeclarationStatus =
  'received' | 'forwarded' | 'approved' | 'rejected' | 'active' | 'suspended' | 'terminated';

/** The tenant (municipality) named in the request path, as the policy state holds it. */
export interface TenantSnapshot {
  exists: boolean;
  status: TenantStatus;
  /** APIs suspended for this tenant alone (e.g. during an incident). */
  suspendedApis: readonly ApiName[];
  /** Set when the tenant was merged into another municipality (status `succeeded`). */
  successorOrgnr?: string;
}

/** The tenant's connection declaration (tilslutningserklæring) for the platform's environment; undefined if none. */
export interface DeclarationSnapshot {
  status: DeclarationStatus;
  apis: readonly ApiName[];
  environment: Environment;
  /** Claim statute codes the municipality registered (see CLAIM_LEGAL_BASES). */
  legalBases: readonly string[];
  termsVersion: string;
  /** ISO instant the declaration is in force from (midnight in Norway of its effective date); undefined: in force already. */
  effectiveFrom?: string;
  /** That date as recorded (`YYYY-MM-DD`), for the reasons. */
  effectiveDate?: string;
}

export interface TermsVersion {
  version: string;
  /** ISO 8601 instant from which the version is in force. */
  effectiveFrom: string;
  /** Declarations signed under an older version must be signed again under this one. */
  requiresResign: boolean;
  /** ISO instant until which an older signature still grants access (with a warning); effectiveFrom when absent. */
  resignBy?: string;
}

/** Set only when the caller is a supplier (vendor) acting for the tenant. */
export interface SupplierSnapshot {
  orgnr: string;
  registered: boolean;
}

/**
 * Data subjects the operator has blocked (e.g. by court order or an incident). Held as keyed
 * hashes so that the policy state never holds raw identifiers: each entry is the lowercase hex
 * HMAC-SHA256 of the 11-digit personidentifikator under `key` (see `subjectKey`).
 */
export interface BlockedSubjects {
  key: string;
  hashes: ReadonlySet<string>;
}

export interface FixedPathValue {
  /** Path parameter name, e.g. `rettighetspakke` or `stadie`. */
  name: string;
  expected: string;
  given: string | undefined;
}

/** The catalogue operation the request resolved to. */
export interface OperationInput {
  api: ApiName;
  operationId: string;
  /** True when the operation changes upstream state (a registration). */
  registers: boolean;
  fixedPathValues: readonly FixedPathValue[];
}

/** What the caller sent: raw header values (undefined when absent) and the parsed path/query values. */
export interface RequestContext {
  legalBasis?: string;
  purpose?: string;
  caseReference?: string;
  endUser?: string;
  personidentifikator?: string;
  /**
   * The data subject a body names (utleggstrekk), read where the operation's model puts it and
   * already validated by the gateway: a fødselsnummer or d-nummer, or an orgnr where Skatteetaten
   * allows a company. Blocks apply to it as to a path personidentifikator.
   */
  bodySubject?: string;
  /** `YYYY-MM`; fraOgMed is required for APIs that take a period, tilOgMed is optional. */
  period?: { fraOgMed?: string; tilOgMed?: string };
  /** `YYYY`, as in the path. */
  inntektsaar?: string;
}

export interface PolicyLimits {
  /** Longest allowed period, counting both end months (2024-01..2024-12 is 12). */
  maxPeriodMonths: number;
  /** Supported income years, both ends included. */
  incomeYears: { min: number; max: number };
  /**
   * The 2026 transition of utleggstrekk: before `transitionUntil` (ISO instant) a registration
   * needs a positive oppslag samordnet trekk at most `maxAgeDays` old.
   */
  samordnetTrekk: { transitionUntil: string; maxAgeDays: number };
}

/** The outcome of the tenant's latest oppslag samordnet trekk for a debtor, as recorded when it answered. */
export interface SamordnetTrekkOppslag {
  /** Whether the debtor has or has had trekk under the new regime. */
  harSamordnetTrekk: boolean;
  /** ISO 8601 instant of the answer. */
  at: string;
}

export interface PolicyInput {
  /** The tenant's orgnr as given in the path. */
  orgnr: string;
  tenant: TenantSnapshot;
  declaration?: DeclarationSnapshot;
  terms: readonly TermsVersion[];
  supplier?: SupplierSnapshot;
  /** APIs paused by the operator for every tenant. */
  pausedApis: readonly ApiName[];
  blockedSubjects: BlockedSubjects;
  environment: Environment;
  operation: OperationInput;
  request: RequestContext;
  /**
   * For a registration: the tenant's latest recorded oppslag samordnet trekk for the body's
   * subject; undefined when there is none (during the transition, a refusal).
   */
  samordnetTrekk?: SamordnetTrekkOppslag;
  /** ISO 8601 instant; the evaluator never reads the clock. */
  now: string;
  limits: PolicyLimits;
}
