/** A token and when it stops being valid (epoch ms). */
export interface CachedToken {
  accessToken: string;
  expiresAt: number;
  /** The margin before expiresAt from which the token is no longer served (ms). */
  marginMs: number;
}

export interface TokenKey {
  clientId: string;
  scopes: readonly string[];
  consumerOrg?: string;
  resource?: string;
}

/** `client | sorted scopes | consumer_org | resource`: a token for one municipality is never served for another. */
export function tokenCacheKey(key: TokenKey): string {
  return JSON.stringify([
    key.clientId,
    [...new Set(key.scopes)].sort().join(' '),
    key.consumerOrg ?? '',
    key.resource ?? '',
  ]);
}

/** The renewal margin: the configured one, but at most half the token's lifetime. */
export function effectiveMarginMs(expiresInSeconds: number, renewMarginSeconds: number): number {
  return Math.min(renewMarginSeconds, expiresInSeconds / 2) * 1000;
}

export function isFresh(token: CachedToken, nowMs: number): boolean {
  return nowMs < token.expiresAt - token.marginMs;
}

/**
 * Per-key cache with single-flight loading: concurrent callers for one key share one load.
 * `flush(predicate)` drops entries and in-flight loads; a load that was in flight when its key was
 * flushed still answers its callers but is not cached.
 */
export class SingleFlightCache<V, E = never> {
  private readonly values = new Map<string, { value: V; tag: string }>();
  private readonly negatives = new Map<string, { error: E; until: number; tag: string }>();
  private readonly inFlight = new Map<string, { promise: Promise<V>; tag: string }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly isUsable: (value: V, nowMs: number) => boolean,
    private readonly maxEntries = 10_000,
  ) {}

  /** Returns the cached value, a negative-cached error (thrown), the in-flight load, or starts `load`. */
  get(
    key: string,
    tag: string,
    nowMs: number,
    load: () => Promise<V>,
    hooks: { onHit?: () => void; negativeFor?: (error: unknown) => number | undefined } = {},
  ): Promise<V> {
    const cached = this.values.get(key);
    if (cached && this.isUsable(cached.value, nowMs)) {
      hooks.onHit?.();
      return Promise.resolve(cached.value);
    }
    if (cached) this.values.delete(key);
    const negative = this.negatives.get(key);
    if (negative && nowMs < negative.until) return Promise.reject(negative.error);
    if (negative) this.negatives.delete(key);
    const running = this.inFlight.get(key);
    if (running) return running.promise;

    const generation = this.generations.get(key) ?? 0;
    const promise = load().then(
      (value) => {
        if ((this.generations.get(key) ?? 0) === generation) this.set(this.values, key, { value, tag });
        return value;
      },
      (error: unknown) => {
        const ttl = hooks.negativeFor?.(error);
        if (ttl && ttl > 0 && (this.generations.get(key) ?? 0) === generation)
          this.set(this.negatives, key, { error: error as E, until: nowMs + ttl, tag });
        throw error;
      },
    );
    const entry = { promise, tag };
    this.inFlight.set(key, entry);
    const clear = () => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    };
    promise.then(clear, clear);
    return promise;
  }

  /** Drops every entry whose tag matches (every entry without a tag); returns how many values were dropped. */
  flush(tag?: string): number {
    let dropped = 0;
    for (const map of [this.values, this.negatives, this.inFlight] as Array<Map<string, { tag: string }>>) {
      for (const [key, entry] of map) {
        if (tag !== undefined && entry.tag !== tag) continue;
        if (map === this.values) dropped++;
        map.delete(key);
        this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      }
    }
    return dropped;
  }

  get size(): number {
    return this.values.size;
  }

  private set<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    if (map.size >= this.maxEntries) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, value);
  }
}
