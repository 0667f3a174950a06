import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { DelegationEntity } from '#database';
import { MaskinportenTokenClient } from '#maskinporten';
import { type DelegationCheckResult, DelegationService } from '#tenancy';

/** Refusals that say the delegation (or the grant behind it) is not there; anything else means "could not tell". */
const MISSING = new Set(['delegation-missing', 'scope-not-granted']);

/**
 * Checks a delegation the only way it can be checked: by asking Maskinporten for a token with
 * consumer_org = the municipality and the API's scope.
 */
@Injectable()
export class DelegationChecker {
  constructor(
    private readonly tokens: MaskinportenTokenClient,
    private readonly delegations: DelegationService,
  ) {}

  async check(delegation: DelegationEntity): Promise<DelegationCheckResult> {
    // A cached token or a remembered refusal would answer for an earlier state.
    this.tokens.flushTenant(delegation.tenantOrgnr);
    const result = await this.ask(delegation);
    await this.delegations.recordCheck(delegation.tenantOrgnr, delegation.id, result);
    return result;
  }

  private async ask(delegation: DelegationEntity): Promise<DelegationCheckResult> {
    try {
      await this.tokens.getToken({ scopes: [delegation.scope], consumerOrg: delegation.tenantOrgnr });
      return { status: 'verified', problemCode: null, mpCode: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const mpCode = typeof error.extensions.maskinportenCode === 'string' ? error.extensions.maskinportenCode : null;
      return { status: MISSING.has(error.code) ? 'missing' : 'error', problemCode: error.code, mpCode };
    }
  }
}
