import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { JobDispatcher } from '#queue';
import { PLATFORM_ORG, registerPlatformClient } from '../maskinporten/support.js';
import { type AdminClient, eventually, type OnboardingRig, startRig, TENANT } from './support.js';

const SCOPES = {
  inntekt: 'skatteetaten:inntekt',
  summertskattegrunnlag: 'skatteetaten:summertskattegrunnlag',
  utleggstrekk: 'skatteetaten:utleggstrekkbeslutningkommune',
};

interface Delegation {
  id: string;
  api: string;
  scope: string;
  status: string;
  problemCode: string | null;
  mpCode: string | null;
  checkedAt: string | null;
}

describe('delegations: recorded, then verified by the worker against Maskinporten', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      workerEnv: { DELEGATION_RECHECK_INTERVAL_SECONDS: '3600' },
      prepare: async (sim) => {
        const client = await registerPlatformClient(sim.control, {
          clientId: 'delingsmegler-onboarding',
          scopes: Object.values(SCOPES),
        });
        cleanup = client.cleanup;
        // inntekt: granted and delegated; summertskattegrunnlag: granted only; utleggstrekk: neither.
        await sim.control.grantScope(TENANT, SCOPES.inntekt);
        await sim.control.delegate({ consumerOrg: TENANT, supplierOrg: PLATFORM_ORG, scope: SCOPES.inntekt });
        await sim.control.grantScope(TENANT, SCOPES.summertskattegrunnlag);
        return client.env;
      },
    });
    admin = await rig.as('operator');
    await admin.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Kommune A', contacts: [] }).expect(201);
  });

  afterAll(async () => {
    await rig.close();
    await cleanup();
  });

  const settled = (api: string, status: string) =>
    eventually(async () => {
      const list = (await admin.get(`/admin/v1/tenants/${TENANT}/delegations`).expect(200)).body as Delegation[];
      const found = list.find((item) => item.api === api);
      return found?.status === status ? found : undefined;
    });

  it('records a delegation as pending and verifies it when Maskinporten issues a token for the municipality', async () => {
    const recorded = await admin.post(`/admin/v1/tenants/${TENANT}/delegations`, { api: 'inntekt' }).expect(202);
    expect(recorded.body).toMatchObject({ api: 'inntekt', scope: SCOPES.inntekt, status: 'pending', checkedAt: null });
    expect(await settled('inntekt', 'verified')).toMatchObject({
      problemCode: null,
      mpCode: null,
      checkedAt: expect.any(String),
    });
    const asked = await rig.sim.control.requests('maskinporten');
    expect(
      asked.some((entry) => (entry.tokenClaims as { consumer_org?: string } | undefined)?.consumer_org === TENANT),
    ).toBe(true);
  });

  it('records a missing delegation with the problem and Maskinporten codes', async () => {
    await admin.post(`/admin/v1/tenants/${TENANT}/delegations`, { api: 'summertskattegrunnlag' }).expect(202);
    expect(await settled('summertskattegrunnlag', 'missing')).toMatchObject({
      problemCode: 'delegation-missing',
      mpCode: 'MP-251',
    });
    await admin.post(`/admin/v1/tenants/${TENANT}/delegations`, { api: 'utleggstrekk' }).expect(202);
    expect(await settled('utleggstrekk', 'missing')).toMatchObject({
      problemCode: 'scope-not-granted',
      mpCode: 'MP-250',
    });
  });

  it('re-verifies on demand: a revoked delegation becomes missing, a new one verified', async () => {
    await rig.sim.control.revokeDelegation({ consumerOrg: TENANT, supplierOrg: PLATFORM_ORG, scope: SCOPES.inntekt });
    await rig.sim.control.delegate({
      consumerOrg: TENANT,
      supplierOrg: PLATFORM_ORG,
      scope: SCOPES.summertskattegrunnlag,
    });
    const asked = await admin.post(`/admin/v1/tenants/${TENANT}/delegations/verify`).expect(202);
    expect(asked.body).toHaveLength(3);
    expect(await settled('inntekt', 'missing')).toMatchObject({ problemCode: 'delegation-missing', mpCode: 'MP-251' });
    expect(await settled('summertskattegrunnlag', 'verified')).toMatchObject({ problemCode: null });
  });

  it('re-verifies every delegation on a repeatable schedule', async () => {
    const queue = rig.worker?.get<Queue>(getQueueToken('delegations'), { strict: false }) as Queue;
    const repeatable = await queue.getRepeatableJobs();
    expect(repeatable).toEqual([expect.objectContaining({ name: 'recheck-delegations', every: 3_600_000 })]);
    await rig.sim.control.delegate({ consumerOrg: TENANT, supplierOrg: PLATFORM_ORG, scope: SCOPES.inntekt });
    await rig.admin.get(JobDispatcher).dispatch('delegations', 'recheck-delegations', {});
    expect(await settled('inntekt', 'verified')).toMatchObject({ problemCode: null });
  });

  it('answers an unknown tenant with 404 and an unknown API with 400', async () => {
    expect(
      (await admin.post('/admin/v1/tenants/971526920/delegations', { api: 'inntekt' }).expect(404)).body.code,
    ).toBe('tenant-not-found');
    expect(
      (await admin.post(`/admin/v1/tenants/${TENANT}/delegations`, { api: 'folkeregister' }).expect(400)).body.code,
    ).toBe('invalid-request');
  });
});
