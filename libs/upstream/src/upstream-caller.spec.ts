import { describe, expect, it } from '@jest/globals';

import { authorize, type PolicyPermit } from '#policy';
import { BASE_INPUT } from '#policy/fixtures';
import type { Catalogue } from './catalogue.js';
import type { SharedLimits } from './shared-limits.js';
import { UpstreamCaller } from './upstream-caller.js';
import type { UpstreamClient } from './upstream-client.js';

/** A caller whose upstream answers 200 and counts the calls that got through; `acquired` records the limits asked for. */
function callerCountingSends(refusal?: Error): {
  caller: UpstreamCaller;
  sends: () => number;
  acquired: unknown[][];
} {
  let sends = 0;
  const acquired: unknown[][] = [];
  const catalogue = { inntekt: { scope: 'skatteetaten:inntekt' } } as unknown as Catalogue;
  const client = {
    send: async () => ((sends += 1), { status: 200, body: Buffer.from(''), korrelasjonsid: 'k', attempts: 1 }),
  } as unknown as UpstreamClient;
  const limits = {
    acquire: async (...args: unknown[]) => {
      acquired.push(args);
      if (refusal) throw refusal;
      return { release: async () => undefined };
    },
    concurrencyLimit: 5,
  } as unknown as SharedLimits;
  const tokens = { getToken: async () => ({ accessToken: 'token' }), flushTenant: () => undefined };
  return { caller: new UpstreamCaller(catalogue, client, limits, tokens as never), sends: () => sends, acquired };
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

describe('UpstreamCaller takes the limits in one step', () => {
  it("counts the gateway's rate for the permit's tenant with the concurrency permit, and the worker's call without", async () => {
    const { caller, acquired } = callerCountingSends();
    const first = authorize(BASE_INPUT).permit!;
    await caller.call(first, CALL, { ratePerMinute: 600 });
    await caller.call(authorize(BASE_INPUT).permit!, CALL);
    expect(acquired).toEqual([
      ['inntekt', first.tenantOrgnr, { orgnr: first.tenantOrgnr, perMinute: 600 }],
      ['inntekt', first.tenantOrgnr, undefined],
    ]);
  });

  it('sends nothing when a limit refuses', async () => {
    const refusal = new Error('rate-limit-exceeded');
    const { caller, sends } = callerCountingSends(refusal);
    await expect(caller.call(authorize(BASE_INPUT).permit!, CALL, { ratePerMinute: 1 })).rejects.toBe(refusal);
    expect(sends()).toBe(0);
  });
});
