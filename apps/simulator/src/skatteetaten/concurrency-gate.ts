import { Injectable } from '@nestjs/common';

/** Skatteetaten's rule: at most 5 concurrent calls per API per organisation (reference §0). */
export const MAX_CONCURRENT_CALLS = 5;

@Injectable()
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();

  /** A permit for this API and consumer org, or undefined when 5 calls are already running. */
  tryAcquire(api: string, consumerOrg: string): (() => void) | undefined {
    const key = `${api}:${consumerOrg}`;
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
