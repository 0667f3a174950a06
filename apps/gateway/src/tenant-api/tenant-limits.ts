import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError, type Orgnr } from '#core';
import { TenantRateLimiter } from '#upstream';

/** The operator-set request rate per tenant, shared by every gateway replica. */
@Injectable()
export class TenantLimits {
  constructor(
    private readonly rate: TenantRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `perMinute` is the tenant's own rate when the operator set one. */
  async checkRate(tenant: Orgnr, perMinute = this.config.upstream.defaultRatePerMinute): Promise<void> {
    let decision;
    try {
      decision = await this.rate.hit(tenant.value, perMinute);
    } catch (error) {
      throw new DomainError(
        'limits-unavailable',
        'The shared request-rate limits cannot be checked (Redis is unavailable)',
        { cause: error },
      );
    }
    if (!decision.allowed) {
      throw new DomainError('rate-limit-exceeded', `The tenant may make ${perMinute} requests a minute`, {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
  }
}
