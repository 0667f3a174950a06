import { describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { SharedLimits } from './shared-limits.js';

/** A connection whose every command fails, as ioredis' do while Redis is away. */
function unreachableRedis(): Redis {
  const redis: Record<string, unknown> = {
    defineCommand: (name: string) => {
      redis[name] = async () => {
        throw new Error('Connection is closed.');
      };
    },
  };
  return redis as unknown as Redis;
}

describe('SharedLimits without Redis', () => {
  it('refuses with 503 limits-unavailable, for the rate alone and for rate and permit', async () => {
    const limits = new SharedLimits(unreachableRedis(), 5, 10_000);
    const unavailable = { code: 'limits-unavailable', status: 503 };
    await expect(limits.countRate({ orgnr: '974760673', perMinute: 5 })).rejects.toMatchObject(unavailable);
    await expect(limits.acquire('inntekt', '974760673', { orgnr: '974760673', perMinute: 5 })).rejects.toMatchObject(
      unavailable,
    );
    await expect(limits.acquire('inntekt', '974760673')).rejects.toMatchObject(unavailable);
  });
});
