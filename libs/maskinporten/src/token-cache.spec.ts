import { describe, expect, it } from '@jest/globals';
import { type CachedToken, effectiveMarginMs, isFresh, SingleFlightCache, tokenCacheKey } from './token-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const token = (expiresAt: number, marginMs = 0): CachedToken => ({ accessToken: `t${expiresAt}`, expiresAt, marginMs });

describe('token cache', () => {
  it('keys by client, sorted scopes, consumer_org and resource', () => {
    expect(tokenCacheKey({ clientId: 'c', scopes: ['b', 'a'] })).toBe(
      tokenCacheKey({ clientId: 'c', scopes: ['a', 'b'] }),
    );
    expect(tokenCacheKey({ clientId: 'c', scopes: ['a'], consumerOrg: '1' })).not.toBe(
      tokenCacheKey({ clientId: 'c', scopes: ['a'], consumerOrg: '2' }),
    );
    expect(tokenCacheKey({ clientId: 'c', scopes: ['a'], resource: 'r' })).not.toBe(
      tokenCacheKey({ clientId: 'c', scopes: ['a'] }),
    );
  });

  it('caps the renewal margin at half the lifetime', () => {
    expect(effectiveMarginMs(600, 60)).toBe(60_000);
    expect(effectiveMarginMs(4, 60)).toBe(2000);
    expect(isFresh(token(10_000, 2000), 7999)).toBe(true);
    expect(isFresh(token(10_000, 2000), 8000)).toBe(false);
  });

  it('shares one load between concurrent callers and serves the cached value after', async () => {
    const cache = new SingleFlightCache<CachedToken>(isFresh);
    const load = deferred<CachedToken>();
    let loads = 0;
    const loader = () => (loads++, load.promise);
    const calls = Array.from({ length: 50 }, () => cache.get('k', 'org', 0, loader));
    load.resolve(token(10_000));
    const results = await Promise.all(calls);
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
    let hits = 0;
    await cache.get('k', 'org', 5000, loader, { onHit: () => hits++ });
    expect(hits).toBe(1);
    expect(loads).toBe(1);
  });

  it('reloads once the token is no longer fresh', async () => {
    const cache = new SingleFlightCache<CachedToken>(isFresh);
    let loads = 0;
    const loader = async () => token(1000 * ++loads + 1000);
    await cache.get('k', 'org', 0, loader);
    expect((await cache.get('k', 'org', 2000, loader)).expiresAt).toBe(3000);
    expect(loads).toBe(2);
  });

  it('does not cache failures unless negativeFor says so, and then only briefly', async () => {
    const cache = new SingleFlightCache<CachedToken, Error>(isFresh);
    let loads = 0;
    const failing = async (): Promise<CachedToken> => {
      loads++;
      throw new Error('no');
    };
    await expect(cache.get('k', 'org', 0, failing)).rejects.toThrow('no');
    await expect(cache.get('k', 'org', 0, failing)).rejects.toThrow('no');
    expect(loads).toBe(2);
    const hooks = { negativeFor: () => 1000 };
    await expect(cache.get('n', 'org', 0, failing, hooks)).rejects.toThrow('no');
    await expect(cache.get('n', 'org', 999, failing, hooks)).rejects.toThrow('no');
    expect(loads).toBe(3);
    await expect(cache.get('n', 'org', 1000, failing, hooks)).rejects.toThrow('no');
    expect(loads).toBe(4);
  });

  it('flushes one tag only, and does not cache a load that was in flight during the flush', async () => {
    const cache = new SingleFlightCache<CachedToken>(isFresh);
    let loads = 0;
    const loader = async () => token(10_000 + ++loads);
    await cache.get('a', 'A', 0, loader);
    await cache.get('b', 'B', 0, loader);
    expect(cache.flush('A')).toBe(1);
    expect((await cache.get('b', 'B', 0, loader)).expiresAt).toBe(10_002);
    expect((await cache.get('a', 'A', 0, loader)).expiresAt).toBe(10_003);

    const slow = deferred<CachedToken>();
    const pending = cache.get('c', 'C', 0, () => slow.promise);
    cache.flush('C');
    slow.resolve(token(50_000));
    await pending;
    expect((await cache.get('c', 'C', 0, loader)).expiresAt).toBe(10_004);
  });
});
