import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Orgnr } from '#core';
import { SharedLimits } from '#upstream';

/**
 * The operator-set request rate per tenant, shared by every gateway replica. A call the gateway
 * makes itself passes `perMinute` to the upstream caller, which counts it in the same Redis round
 * trip as the concurrency permit; `checkRate` counts it alone.
 */
@Injectable()
export class TenantLimits {
  constructor(
    private readonly limits: SharedLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tenant's own rate when the operator set one, else the default. */
  perMinute(state: { ratePerMinute: number | null }): number {
    return state.ratePerMinute ?? this.config.upstream.defaultRatePerMinute;
  }

  /** The rate alone: 429 `rate-limit-exceeded` over it, 503 `limits-unavailable` without Redis. */
  async checkRate(tenant: Orgnr, perMinute: number): Promise<void> {
    await this.limits.countRate({ orgnr: tenant.value, perMinute });
  }
}
