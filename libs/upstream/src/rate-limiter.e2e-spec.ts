import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { TenantRateLimiter } from './rate-limiter.js';

const prefix = `dmtest-rate-${randomUUID()}:`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
const otherReplica = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys.map((key) => key.slice(prefix.length)));
  redis.disconnect();
  otherReplica.disconnect();
});

describe('TenantRateLimiter (real Redis)', () => {
  it('allows the set rate per window across replicas, then refuses with the time left', async () => {
    const a = new TenantRateLimiter(redis, 60_000);
    const b = new TenantRateLimiter(otherReplica, 60_000);
    const decisions = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).hit('974760673', 5)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    const refused = decisions.find((decision) => !decision.allowed);
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await a.hit('964338531', 5)).allowed).toBe(true); // another tenant has its own count
  });

  it('starts counting again once Retry-After has passed', async () => {
    const limiter = new TenantRateLimiter(redis, 300);
    // Two hits may straddle a window boundary; a third in a row cannot.
    let refused = await limiter.hit('938801363', 1);
    for (let i = 0; refused.allowed && i < 2; i += 1) refused = await limiter.hit('938801363', 1);
    expect(refused.allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterSeconds * 1000));
    expect((await limiter.hit('938801363', 1)).allowed).toBe(true);
  });
});
