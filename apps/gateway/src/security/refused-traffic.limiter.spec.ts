import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '#core';
import { RefusedTrafficLimiter } from './refused-traffic.limiter.js';

const limiter = (refusedPerSourcePerMinute: number, maxSources: number) =>
  new RefusedTrafficLimiter({
    securityLog: { refusedPerSourcePerMinute, maxSources, flushIntervalMs: 1000, retentionDays: 1 },
  } as AppConfig);
const MINUTE = 60_000 * 29_000_000; // a whole minute, far from 0

describe('RefusedTrafficLimiter', () => {
  it('turns a source away after its bound until the minute ends, and no other source', () => {
    const bound = limiter(3, 100);
    for (let i = 0; i < 3; i++) {
      expect(bound.retryAfterSeconds('a', MINUTE + 1000)).toBe(0);
      bound.hit('a', MINUTE + 1000);
    }
    expect(bound.retryAfterSeconds('a', MINUTE + 1000)).toBe(59);
    expect(bound.retryAfterSeconds('a', MINUTE + 59_900)).toBe(1);
    expect(bound.retryAfterSeconds('b', MINUTE + 1000)).toBe(0);
    expect(bound.retryAfterSeconds('a', MINUTE + 60_000)).toBe(0);
  });

  it('tracks at most maxSources addresses, forgetting the oldest', () => {
    const bound = limiter(1, 10);
    for (let i = 0; i < 25; i++) bound.hit(`s${i}`, MINUTE);
    expect(bound.retryAfterSeconds('s24', MINUTE)).toBeGreaterThan(0);
    expect(bound.retryAfterSeconds('s15', MINUTE)).toBeGreaterThan(0);
    expect(bound.retryAfterSeconds('s14', MINUTE)).toBe(0);
    expect(bound.retryAfterSeconds('s0', MINUTE)).toBe(0);
  });
});
