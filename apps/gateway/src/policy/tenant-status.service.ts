import { Inject, Injectable } from '@nestjs/common';
import { POLICY_VERSION, samordnetTrekkTransition } from '#policy';
import { API_NAMES, type ApiName, APP_CONFIG, type AppConfig } from '#core';
import { type Catalogue, InjectCatalogue } from '#upstream';
import type { EstablishedTenant } from '../tenancy/tenant-call.js';
import type { ApiStatusDto, TenantStatusDto, TermsStatusDto } from './tenant-status.dto.js';
import { PolicyGate } from './policy-gate.js';

/**
 * GET /api/v1/{orgnr}/status: which APIs the municipality can use now, and for each it cannot, why.
 * Past TenantGuard it always answers, a suspended tenant included (with the suspension as reason).
 */
@Injectable()
export class TenantStatusService {
  constructor(
    private readonly gate: PolicyGate,
    @InjectCatalogue() private readonly catalogue: Catalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  statusOf(established: EstablishedTenant): TenantStatusDto {
    const now = new Date().toISOString();
    const apis = API_NAMES.map((api): ApiStatusDto => {
      const status = this.usability(api, established);
      // While the 2026 transition lasts, utleggstrekk registrations need a positive oppslag first.
      const transition = this.catalogue[api].operations
        .map((operation) => samordnetTrekkTransition({ operation, limits: this.config.policy, now }))
        .find(Boolean);
      return transition ? { ...status, transition } : status;
    });
    const declaration = established.state.declaration;
    return {
      orgnr: established.tenant.value,
      policyVersion: POLICY_VERSION,
      ...(declaration
        ? {
            declaration: {
              status: declaration.status,
              effectiveFrom: declaration.effectiveDate ?? null,
              inForce:
                declaration.status === 'active' &&
                (declaration.effectiveFrom === undefined || Date.parse(declaration.effectiveFrom) <= Date.parse(now)),
            },
          }
        : {}),
      apis,
      terms: this.terms(established),
    };
  }

  /** Re-signing owed: a warning until resignBy, then the refusal the APIs show. */
  private terms({ state }: EstablishedTenant): TermsStatusDto {
    const due = this.gate.resignDue(state);
    const warnings = due
      .filter((item) => !item.overdue)
      .map(
        (item) =>
          `Terms version ${item.version} must be signed by ${item.resignBy}; until then the signature under ${state.declaration?.termsVersion} is still valid.`,
      );
    return {
      ...(state.declaration ? { signedVersion: state.declaration.termsVersion } : {}),
      resignRequired: due,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  private usability(api: ApiName, { tenant, caller, state }: EstablishedTenant): ApiStatusDto {
    const operation = this.catalogue[api].operations[0];
    const decision = this.gate.standing(
      tenant.value,
      caller,
      { api: this.catalogue[api], operation, params: operation.fixedPathValues },
      state,
    );
    const delegation = state.delegations[api];
    if (!decision.allow) {
      const from =
        decision.code === 'declaration-not-yet-effective' ? { effectiveFrom: state.declaration?.effectiveDate } : {};
      return {
        api,
        usable: false,
        code: decision.code,
        reasons: decision.reasons,
        delegation: delegation?.status,
        ...from,
      };
    }
    if (delegation?.status === 'missing') {
      return {
        api,
        usable: false,
        code: delegation.problemCode ?? 'delegation-missing',
        reasons: ['The scope is not delegated to the platform in Altinn (last verification).'],
        delegation: delegation.status,
      };
    }
    return { api, usable: true, delegation: delegation?.status };
  }
}
