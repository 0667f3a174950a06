import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError, Orgnr } from '#core';
import { type Caller, InboundTokenVerifier } from '#maskinporten';
import { callerRefusal, POLICY_CODES, POLICY_VERSION } from '#policy';
import { PolicyStateStore } from '../policy/policy-state.store.js';
import { RefusedTrafficLimiter } from '../security/refused-traffic.limiter.js';
import { headerOf, startTenantCall } from './tenant-call.js';

/**
 * The one guard every /api/v1/{orgnr}/… route passes, in this order:
 * 1. a source address over its bound of refused requests gets 429 before anything else is done;
 * 2. the Maskinporten token verifies (401 with its code);
 * 3. the path's orgnr is valid (400) and is the token's consumer (403 `tenant-mismatch`);
 * 4. the organisation is a tenant (403 `tenant-unknown`) — only now is the tenant established,
 *    the request read once into its TenantCall, and only from now on is anything written to its
 *    audit log;
 * 5. the caller checks (libs/policy callerRefusal): access has not ended (`tenant-terminated`,
 *    `tenant-succeeded`) and a supplier in the token is registered (`supplier-not-registered`).
 * What each route requires beyond these is the route's own decision (README, "Tenant routes").
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly verifier: InboundTokenVerifier,
    private readonly store: PolicyStateStore,
    private readonly limiter: RefusedTrafficLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const retryAfter = this.limiter.retryAfterSeconds(request.ip);
    if (retryAfter > 0) {
      throw new DomainError(
        'too-many-refused-requests',
        `Too many requests from this address were refused; try again in ${retryAfter} seconds`,
        {
          headers: { 'Retry-After': String(retryAfter) },
        },
      );
    }
    const caller = await this.verifier.verifyAuthorization(headerOf(request, 'authorization'));
    request.user = caller;
    const orgnr = (request.params as Record<string, string | undefined>).orgnr;
    if (!Orgnr.isValid(orgnr))
      throw new DomainError(
        'invalid-orgnr',
        'The organisation number in the path is not a valid orgnr (9 digits, mod 11)',
      );
    const tenant = Orgnr.parse(orgnr);
    if (caller.consumerOrgnr !== tenant.value)
      throw new DomainError(
        'tenant-mismatch',
        'The token was issued for another organisation than the one in the path',
      );
    const state = this.store.stateOf(tenant.value);
    if (state.tenant.exists) startTenantCall(request, { tenant, caller, state });
    const supplier = caller.supplierOrgnr
      ? { orgnr: caller.supplierOrgnr, registered: state.suppliers.has(caller.supplierOrgnr) }
      : undefined;
    const refusal = callerRefusal({ orgnr: tenant.value, tenant: state.tenant, supplier });
    if (refusal) {
      throw new DomainError(refusal.code, refusal.reason, {
        status: POLICY_CODES[refusal.code],
        extensions: { reasons: [refusal.reason], policyVersion: POLICY_VERSION },
      });
    }
    return true;
  }
}
