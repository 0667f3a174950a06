export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before letting one probe through. */
  openMs: number;
  /** A probe not settled within this long counts as failed, so the breaker never waits on it for ever. */
  probeTimeoutMs: number;
  now?: () => number;
}

/** Leave to make one call; settled exactly once (later settles are ignored). */
export interface BreakerPermit {
  settle(failed: boolean): void;
}

/**
 * A circuit breaker per upstream, in each gateway process. While open, calls are refused at once
 * (the gateway answers 503 `upstream-unavailable`); after `openMs` one probe may pass, and its
 * outcome closes or reopens the breaker. Calls go through `run`, which settles the permit whatever
 * happens: a call that throws is a failure, and a probe that hangs fails at `probeTimeoutMs`.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'closed';
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) this.current = 'half-open';
    return this.current;
  }

  /** Leave for one call now, or null while open (and in half-open, while the one probe is out). */
  acquire(): BreakerPermit | null {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) return null;
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    let settled = false;
    const timer = probe ? setTimeout(() => permit.settle(true), this.options.probeTimeoutMs) : undefined;
    timer?.unref?.();
    const permit: BreakerPermit = {
      settle: (failed) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (probe) this.probing = false;
        if (failed) this.onFailure();
        else this.onSuccess();
      },
    };
    return permit;
  }

  /** Runs `work` under `permit`; any throw, or a result `failed` calls failed, counts as a failure. */
  async run<T>(permit: BreakerPermit, work: () => Promise<T>, failed: (result: T) => boolean): Promise<T> {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      permit.settle(true);
      throw error;
    }
    permit.settle(failed(result));
    return result;
  }

  /** Milliseconds until a probe is allowed (for Retry-After); 0 when not open. */
  retryAfterMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.options.openMs - this.now()) : 0;
  }

  private onSuccess(): void {
    this.failures = 0;
    this.current = 'closed';
  }

  private onFailure(): void {
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }
}
