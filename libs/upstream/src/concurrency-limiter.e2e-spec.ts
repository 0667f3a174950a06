import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

const prefix = `dmtest-limiter-${randomUUID()}:`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
const otherReplica = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });

afterAll(async () => {
  const keys = await otherReplica.keys(`${prefix}*`);
  if (keys.length) await otherReplica.del(...keys.map((key) => key.slice(prefix.length)));
  redis.disconnect();
  otherReplica.disconnect();
});

describe('ConcurrencyLimiter (real Redis)', () => {
  it('grants at most five permits per API and organisation across replicas', async () => {
    const a = new ConcurrencyLimiter(redis, 5, 10_000);
    const b = new ConcurrencyLimiter(otherReplica, 5, 10_000);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).tryAcquire('inntekt', '974760673')),
    );
    const granted = attempts.filter((permit) => permit !== undefined);
    expect(granted).toHaveLength(5);
    // Another API and another municipality have their own five.
    expect(await a.tryAcquire('summertskattegrunnlag', '974760673')).toBeDefined();
    expect(await a.tryAcquire('inntekt', '971526920')).toBeDefined();
    await granted[0]!.release();
    await granted[0]!.release(); // twice is harmless
    expect(await b.tryAcquire('inntekt', '974760673')).toBeDefined();
    expect(await b.tryAcquire('inntekt', '974760673')).toBeUndefined();
  });

  it('lets permits of a crashed holder lapse after the lease', async () => {
    const limiter = new ConcurrencyLimiter(redis, 1, 150);
    expect(await limiter.tryAcquire('utleggstrekk', '974760673')).toBeDefined(); // never released
    expect(await limiter.tryAcquire('utleggstrekk', '974760673')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await limiter.tryAcquire('utleggstrekk', '974760673')).toBeDefined();
  });
});
