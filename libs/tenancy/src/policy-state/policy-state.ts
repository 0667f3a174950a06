import type { ApiName, DeclarationSnapshot, TenantSnapshot, TermsVersion } from '#policy';

export interface DelegationState {
  status: 'pending' | 'verified' | 'missing' | 'error';
  problemCode: string | null;
}

/** What the gateway holds about one tenant to decide its requests without a database round trip. */
export interface TenantPolicyState {
  tenant: TenantSnapshot;
  /** The declaration that decides access: this environment's, active before suspended before newest. */
  declaration?: DeclarationSnapshot;
  suppliers: ReadonlySet<string>;
  /** Operator-set requests per minute; null for the platform default. */
  ratePerMinute: number | null;
  delegations: Partial<Record<ApiName, DelegationState>>;
}

export interface PolicyStateSnapshot {
  tenants: Map<string, TenantPolicyState>;
  terms: TermsVersion[];
  /** APIs the operator paused for every tenant (an upstream incident). */
  pausedApis: ApiName[];
  /** Keyed hashes (libs/policy subjectKey) of data subjects whose look-ups are blocked. */
  blockedSubjectHashes: ReadonlySet<string>;
}

export const UNKNOWN_TENANT: TenantPolicyState = {
  tenant: { exists: false, status: 'active', suspendedApis: [] },
  suppliers: new Set(),
  ratePerMinute: null,
  delegations: {},
};
