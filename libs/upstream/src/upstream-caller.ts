import { Inject, Injectable } from '@nestjs/common';
import { type ApiName, DomainError } from '#core';
import { MaskinportenTokenClient } from '#maskinporten';
import { isPolicyPermit, type PolicyPermit } from '#policy';
import type { Catalogue } from './catalogue.js';
import { ConcurrencyLimiter, type Permit } from './concurrency-limiter.js';
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

/** The limiter's key when the limit counts every municipality's calls together (no orgnr looks like it). */
const CLIENT_WIDE = 'client';

/** A permit is for the call it was decided for, right after the decision: older ones are refused. */
const PERMIT_MAX_AGE_MS = 30_000;

/**
 * One upstream call on behalf of a tenant: a Maskinporten token with consumer_org = the tenant,
 * one of Skatteetaten's five concurrent-call permits for (API, tenant) held for the call's
 * duration, then the HTTP call. Used by the gateway and by the worker's registration job, each
 * with a permit the policy issued for this very call (libs/policy `authorize`), spent once.
 */
@Injectable()
export class UpstreamCaller {
  constructor(
    @Inject(CATALOGUE) private readonly catalogue: Catalogue,
    private readonly client: UpstreamClient,
    private readonly limiter: ConcurrencyLimiter,
    private readonly tokens: MaskinportenTokenClient,
  ) {}

  private readonly spent = new WeakSet<PolicyPermit>();

  async call(policyPermit: PolicyPermit, call: UpstreamCall): Promise<UpstreamResponse> {
    const tenantOrgnr = this.spend(policyPermit, call);
    const { accessToken } = await this.tokens.getToken({
      scopes: [this.catalogue[call.api].scope],
      consumerOrg: tenantOrgnr,
    });
    const permit = await this.acquire(
      call.api,
      this.catalogue[call.api].concurrencyScope === 'client' ? CLIENT_WIDE : tenantOrgnr,
    );
    try {
      const response = await this.client.send({ ...call, accessToken });
      // Skatteetaten refused a token Maskinporten issued (revoked delegation?): fetch a new one next time.
      if (response.status === 401) this.tokens.flushTenant(tenantOrgnr);
      return response;
    } finally {
      // Not awaited: the answer need not wait for Redis. This process's later commands share the
      // connection and queue behind the release, so it never sees its own permit still held; an
      // unreleased permit lapses with its lease.
      void permit.release().catch(() => undefined);
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

  /** `countedFor` is the tenant, or CLIENT_WIDE when Skatteetaten counts the platform's calls together. */
  private async acquire(api: ApiName, countedFor: string): Promise<Permit> {
    let permit: Permit | undefined;
    try {
      permit = await this.limiter.tryAcquire(api, countedFor);
    } catch (error) {
      throw new DomainError(
        'limits-unavailable',
        'The shared concurrency limits cannot be checked (Redis is unavailable)',
        { cause: error },
      );
    }
    if (!permit) {
      const per = countedFor === CLIENT_WIDE ? 'for the platform as a whole' : 'per organisation';
      throw new DomainError(
        'too-many-concurrent-calls',
        `At most ${this.limiter.limit} concurrent calls to the ${api} API are allowed ${per}`,
        {
          headers: { 'Retry-After': '1' },
        },
      );
    }
    return permit;
  }
}
