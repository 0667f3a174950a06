import { Injectable } from '@nestjs/common';
import type { ConcurrencyScope } from '#core';

/** Skatteetaten's rule: at most 5 concurrent calls per API per organisation (reference §0). */
export const MAX_CONCURRENT_CALLS = 5;

/**
 * Whether "per organisation" means the consumer (the municipality) or the client (the platform
 * calling for all of them) is not published, so the simulator counts either way
 * (`PUT /_sim/concurrency`), per API; consumer by default.
 */
@Injectable()
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();
  private readonly scopes = new Map<string, ConcurrencyScope>();

  scopeOf(api: string): ConcurrencyScope {
    return this.scopes.get(api) ?? 'consumer';
  }

  setScope(api: string, scope: ConcurrencyScope): void {
    this.scopes.set(api, scope);
  }

  /** A permit for this API and caller, or undefined when 5 calls are already running for whom it counts. */
  tryAcquire(api: string, caller: { consumerOrg: string; clientId: string }): (() => void) | undefined {
    const key = `${api}:${this.scopeOf(api) === 'client' ? `client:${caller.clientId}` : caller.consumerOrg}`;
    const current = this.inFlight.get(key) ?? 0;
    if (current >= MAX_CONCURRENT_CALLS) return undefined;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }
}
