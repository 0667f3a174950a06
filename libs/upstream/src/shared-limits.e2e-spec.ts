import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SharedLimits } from './shared-limits.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `dmtest-limits-${randomUUID()}:`;
const redis = new Redis(url, { keyPrefix: prefix });
// The other replica auto-pipelines, as the platform's connection does.
const otherReplica = new Redis(url, { keyPrefix: prefix, enableAutoPipelining: true });
// Nothing listens on port 1: Redis is down for this one.
const down = new Redis('redis://127.0.0.1:1', {
  maxRetriesPerRequest: 1,
  retryStrategy: () => null,
  lazyConnect: true,
});
down.on('error', () => undefined);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys.map((key) => key.slice(prefix.length)));
  redis.disconnect();
  otherReplica.disconnect();
});

const rate = (orgnr: string, perMinute: number) => ({ orgnr, perMinute });
const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'granted',
    (error: { code?: string }) => error.code ?? 'unexpected',
  );

describe('SharedLimits: the tenant rate (real Redis)', () => {
  it('allows the set rate per window across replicas, then refuses with the time left', async () => {
    const a = new SharedLimits(redis, 5, 10_000);
    const b = new SharedLimits(otherReplica, 5, 10_000);
    const attempts = Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).countRate(rate('974760673', 5)));
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    const refused = settled.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'rate-limit-exceeded', status: 429 });
    const retryAfter = Number(refused.reason.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await a.countRate(rate('964338531', 5)); // another tenant has its own count
  });

  it('starts counting again once Retry-After has passed', async () => {
    const limits = new SharedLimits(redis, 5, 10_000, 300);
    // Two hits may straddle a window boundary; a third in a row cannot.
    let refusal: { code?: string; headers: Record<string, string> } | undefined;
    for (let i = 0; !refusal && i < 3; i += 1) await limits.countRate(rate('938801363', 1)).catch((e) => (refusal = e));
    expect(refusal?.code).toBe('rate-limit-exceeded');
    await new Promise((resolve) => setTimeout(resolve, Number(refusal!.headers['Retry-After']) * 1000));
    await limits.countRate(rate('938801363', 1));
  });
});

describe('SharedLimits: the concurrent-call permits (real Redis)', () => {
  it('grants at most five permits per API and organisation across replicas', async () => {
    const a = new SharedLimits(redis, 5, 10_000);
    const b = new SharedLimits(otherReplica, 5, 10_000);
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).acquire('inntekt', '974760673')),
    );
    const granted = attempts.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(granted).toHaveLength(5);
    const refused = attempts.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'too-many-concurrent-calls', status: 429 });
    expect(refused.reason.detail).toMatch(/per organisation/);
    // Another API and another municipality have their own five.
    await a.acquire('summertskattegrunnlag', '974760673');
    await a.acquire('inntekt', '971526920');
    await granted[0].release();
    await granted[0].release(); // twice is harmless
    await b.acquire('inntekt', '974760673');
    expect(await outcome(b.acquire('inntekt', '974760673'))).toBe('too-many-concurrent-calls');
    expect(await outcome(b.acquire('inntekt', 'client'))).toBe('granted');
  });

  it('sends a release with the next acquire: this replica never refuses itself, the other sees it within ms', async () => {
    const a = new SharedLimits(otherReplica, 1, 10_000);
    const b = new SharedLimits(redis, 1, 10_000);
    const orgnr = '964338531';
    const first = await a.acquire('inntekt', orgnr);
    void first.release(); // as the upstream caller does: not awaited
    const second = await a.acquire('inntekt', orgnr); // the release went ahead of it
    expect(await outcome(b.acquire('inntekt', orgnr))).toBe('too-many-concurrent-calls');
    await second.release(); // within a few ms, with no acquire to ride along
    expect(await outcome(b.acquire('inntekt', orgnr))).toBe('granted');
  });

  it('lets permits of a crashed holder lapse after the lease', async () => {
    const limits = new SharedLimits(redis, 1, 150);
    await limits.acquire('utleggstrekk', '974760673'); // never released
    expect(await outcome(limits.acquire('utleggstrekk', '974760673'))).toBe('too-many-concurrent-calls');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await outcome(limits.acquire('utleggstrekk', '974760673'))).toBe('granted');
  });
});

describe('SharedLimits: rate and permit in one round trip (real Redis)', () => {
  it('holds no permit for a request the rate refused', async () => {
    const limits = new SharedLimits(otherReplica, 5, 10_000);
    const orgnr = '958935420';
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await outcome(limits.acquire('inntekt', orgnr, rate(orgnr, 2))));
    expect(outcomes).toEqual(['granted', 'granted', 'rate-limit-exceeded', 'rate-limit-exceeded']);
    expect(await redis.zcard(`concurrency:inntekt:${orgnr}`)).toBe(2);
  });

  it('counts a request refused a permit towards the rate (the rate is counted first)', async () => {
    const limits = new SharedLimits(redis, 1, 10_000);
    const orgnr = '940794077';
    const held = await limits.acquire('inntekt', orgnr, rate(orgnr, 3)); // 1st
    expect(await outcome(limits.acquire('inntekt', orgnr, rate(orgnr, 3)))).toBe('too-many-concurrent-calls'); // 2nd
    await held.release();
    const again = await limits.acquire('inntekt', orgnr, rate(orgnr, 3)); // 3rd
    await again.release();
    expect(await outcome(limits.acquire('inntekt', orgnr, rate(orgnr, 3)))).toBe('rate-limit-exceeded'); // 4th
    expect(await redis.zcard(`concurrency:inntekt:${orgnr}`)).toBe(0);
  });

  it('runs the loaded script by its SHA, never shipping its text', async () => {
    const sent: string[] = [];
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
      sent.push(command.name);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof redis.sendCommand;
    try {
      const limits = new SharedLimits(redis, 5, 10_000);
      // The first run may load the script (NOSCRIPT, then EVAL once); after that only EVALSHA.
      await limits.acquire('inntekt', '921627009', rate('921627009', 100)).then((permit) => permit.release());
      sent.length = 0;
      for (let i = 0; i < 3; i += 1)
        await limits.acquire('inntekt', '921627009', rate('921627009', 100)).then((permit) => permit.release());
      expect(sent).toEqual(['evalsha', 'zrem', 'evalsha', 'zrem', 'evalsha', 'zrem']);
    } finally {
      redis.sendCommand = send;
    }
  });
});
