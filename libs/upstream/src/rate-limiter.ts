import type { Redis } from 'ioredis';

/** Counts a request in the current window on Redis' clock; returns the count and the ms left in the window. */
const HIT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window = tonumber(ARGV[1])
local key = KEYS[1] .. ':' .. math.floor(nowMs / window)
local count = redis.call('INCR', key)
if count == 1 then redis.call('PEXPIRE', key, window) end
return { count, window - (nowMs % window) }
`;

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * The operator-set request rate per tenant, shared by every gateway replica: a fixed one-minute
 * window per tenant in Redis, on Redis' own clock.
 */
export class TenantRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly windowMs = 60_000,
  ) {}

  async hit(orgnr: string, perWindow: number): Promise<RateDecision> {
    const [count, remainingMs] = (await this.redis.eval(HIT, 1, `rate:${orgnr}`, this.windowMs)) as [number, number];
    return { allowed: count <= perWindow, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}
