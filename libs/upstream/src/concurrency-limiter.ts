import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Takes a permit if fewer than `limit` unexpired permits are held. Permits are members of a sorted
 * set scored by their expiry on Redis' own clock, so replicas with skewed clocks agree and a
 * crashed replica's permits lapse by themselves.
 */
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

export interface Permit {
  release(): Promise<void>;
}

/**
 * Skatteetaten allows at most N concurrent calls per API per organisation; this enforces it across
 * every gateway replica. A call over the limit is refused at once (the gateway answers 429
 * `too-many-concurrent-calls` with Retry-After) rather than queued: a queue would hold sockets
 * and memory in every replica while the caller's own timeout runs out.
 */
export class ConcurrencyLimiter {
  constructor(
    private readonly redis: Redis,
    readonly limit: number,
    /** Longer than any call can last (the overall upstream deadline), so live permits never lapse. */
    private readonly leaseMs: number,
  ) {}

  async tryAcquire(api: string, orgnr: string): Promise<Permit | undefined> {
    const key = `concurrency:${api}:${orgnr}`;
    const id = randomUUID();
    const taken = await this.redis.eval(ACQUIRE, 1, key, this.limit, this.leaseMs, id);
    if (taken !== 1) return undefined;
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await this.redis.zrem(key, id);
      },
    };
  }
}
