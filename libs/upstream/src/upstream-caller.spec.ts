import { describe, expect, it } from '@jest/globals';

import { authorize, type PolicyPermit } from '#policy';
import { BASE_INPUT } from '#policy/fixtures';
import type { Catalogue } from './catalogue.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import { UpstreamCaller } from './upstream-caller.js';
import type { UpstreamClient } from './upstream-client.js';

/** A caller whose upstream answers 200 and counts the calls that got through. */
function callerCountingSends(): { caller: UpstreamCaller; sends: () => number } {
  let sends = 0;
  const catalogue = { inntekt: { scope: 'skatteetaten:inntekt' } } as unknown as Catalogue;
  const client = {
    send: async () => ((sends += 1), { status: 200, body: Buffer.from(''), korrelasjonsid: 'k', attempts: 1 }),
  } as unknown as UpstreamClient;
  const limiter = {
    tryAcquire: async () => ({ release: async () => undefined }),
    limit: 5,
  } as unknown as ConcurrencyLimiter;
  const tokens = { getToken: async () => ({ accessToken: 'token' }), flushTenant: () => undefined };
  return { caller: new UpstreamCaller(catalogue, client, limiter, tokens as never), sends: () => sends };
}

const CALL = { api: 'inntekt' as const, method: 'GET' as const, path: '/v1/x', accept: 'application/json' };

describe('UpstreamCaller takes only a fresh permit the policy issued', () => {
  it('calls once with a permit, and refuses to spend it twice', async () => {
    const { caller, sends } = callerCountingSends();
    const { permit } = authorize(BASE_INPUT);
    await caller.call(permit!, CALL);
    await expect(caller.call(permit!, CALL)).rejects.toThrow('one upstream call');
    expect(sends()).toBe(1);
  });

  it('refuses a forged permit and a permit for another API before anything is sent', async () => {
    const { caller, sends } = callerCountingSends();
    const { permit } = authorize(BASE_INPUT);
    await expect(caller.call({ ...permit! } as PolicyPermit, CALL)).rejects.toThrow('without a permit');
    await expect(caller.call(permit!, { ...CALL, api: 'utleggstrekk' })).rejects.toThrow('cannot call');
    expect(sends()).toBe(0);
  });
});
