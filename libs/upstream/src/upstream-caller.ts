import { Inject, Injectable } from '@nestjs/common';
import type { ApiName } from '#core';
import { MaskinportenTokenClient } from '#maskinporten';
import { isPolicyPermit, type PolicyPermit } from '#policy';
import type { Catalogue } from './catalogue.js';
import { CLIENT_WIDE, SharedLimits } from './shared-limits.js';
import type { StreamedBody } from './upload-body.js';
import { UpstreamClient, type UpstreamResponse } from './upstream-client.js';
import { CATALOGUE } from './upstream.tokens.js';

export interface UpstreamCall {
  api: ApiName;
  method: 'GET' | 'POST';
  /** Path and query below the API's base URL, already expanded. */
  path: string;
  /** Media type of the answer the caller wants. */
  accept: string;
  /** A JSON body, or an upload streamed as it arrives. */
  body?: string | StreamedBody;
  /** The Korrelasjonsid of the (first) attempt, for a caller that records it even when no answer comes; else a fresh one. */
  korrelasjonsid?: string;
}

/** A permit is for the call it was decided for, right after the decision: older ones are refused. */
const PERMIT_MAX_AGE_MS = 30_000;

/** Limits counted in the same Redis round trip as the concurrency permit. */
export interface CallLimits {
  /** The tenant's requests a minute: counted first, so a call refused a permit still counts. */
  ratePerMinute?: number;
}

/**
 * One upstream call on behalf of a tenant: a Maskinporten token with consumer_org = the tenant,
 * one of Skatteetaten's five concurrent-call permits for (API, tenant) held for the call's
 * duration (with the gateway's tenant rate counted in the same round trip), then the HTTP call.
 * Used by the gateway and by the worker's registration job (permit only: its rate was counted
 * when the gateway took it), each with a permit the policy issued for this very call (libs/policy
 * `authorize`), spent once.
 */
@Injectable()
export class UpstreamCaller {
  constructor(
    @Inject(CATALOGUE) private readonly catalogue: Catalogue,
    private readonly client: UpstreamClient,
    private readonly limits: SharedLimits,
    private readonly tokens: MaskinportenTokenClient,
  ) {}

  private readonly spent = new WeakSet<PolicyPermit>();

  async call(policyPermit: PolicyPermit, call: UpstreamCall, limits: CallLimits = {}): Promise<UpstreamResponse> {
    const tenantOrgnr = this.spend(policyPermit, call);
    const { accessToken } = await this.tokens.getToken({
      scopes: [this.catalogue[call.api].scope],
      consumerOrg: tenantOrgnr,
    });
    // After the token (usually cached, no I/O): a failed token fetch is not counted towards the rate.
    const permit = await this.limits.acquire(
      call.api,
      this.catalogue[call.api].concurrencyScope === 'client' ? CLIENT_WIDE : tenantOrgnr,
      limits.ratePerMinute === undefined ? undefined : { orgnr: tenantOrgnr, perMinute: limits.ratePerMinute },
    );
    try {
      const response = await this.client.send({ ...call, accessToken });
      // Skatteetaten refused a token Maskinporten issued (revoked delegation?): fetch a new one next time.
      if (response.status === 401) this.tokens.flushTenant(tenantOrgnr);
      return response;
    } finally {
      // Not awaited: the answer need not wait for Redis. The release goes out with this process's
      // next acquire or within a few ms, and never fails (SharedLimits); a lost one lapses with its lease.
      void permit.release();
    }
  }

  /** A programming error, not a caller's: every path must hold a fresh permit for this API. */
  private spend(permit: PolicyPermit, call: UpstreamCall): string {
    if (!isPolicyPermit(permit)) throw new Error('upstream call without a permit issued by the policy');
    if (permit.api !== call.api) throw new Error(`a permit for the ${permit.api} API cannot call the ${call.api} API`);
    if (this.spent.has(permit)) throw new Error('a policy permit is good for one upstream call');
    if (Date.now() - permit.issuedAt > PERMIT_MAX_AGE_MS) throw new Error('the policy permit is stale; decide again');
    this.spent.add(permit);
    return permit.tenantOrgnr;
  }
}
