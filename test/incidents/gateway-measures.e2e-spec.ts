import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from '../gateway/support.js';
import { type AdminClient, type OnboardingRig, startRig } from '../onboarding/support.js';
import { listen } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { eventually } from '../support/eventually.js';

const KOMMUNE = '974760673';
const BLOCKED = '01029413157';
const OTHER_PERSON = '24887198515';
const inntektOf = (person: string) => {
  const period = person === BLOCKED ? 'fraOgMed=2018-01&tilOgMed=2018-07' : 'fraOgMed=2025-01&tilOgMed=2025-01';
  return `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/${person}/inntekter?${period}`;
};

/** The platform-wide measures of an incident, as a caller of the gateway meets them. */
describe('pause-api and block-subject through the gateway', () => {
  let rig: OnboardingRig;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  let cleanup: (() => Promise<void>) | undefined;
  let manager: AdminClient;
  let token: string;
  let incidentId: string;

  const call = async (path: string): Promise<{ status: number; code: string }> => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    return {
      status: response.status,
      code: response.status === 200 ? 'allowed' : (body.code ?? String(response.status)),
    };
  };
  /** Milliseconds until the gateway answers `expected` on this path. */
  const until = async (path: string, expected: string): Promise<number> => {
    const started = performance.now();
    await eventually(
      async () => {
        const { code } = await call(path);
        if (code !== expected) throw new Error(`the gateway answered ${code}, not ${expected}, on ${path}`);
        return true;
      },
      { timeout: 3000, interval: 20 },
    );
    return performance.now() - started;
  };
  const act = (body: Record<string, unknown>) => manager.post(`/admin/v1/incidents/${incidentId}/actions`, body);

  beforeAll(async () => {
    rig = await startRig({
      prepare: async (sim) => {
        const platform = await connectPlatform(sim, 'incident-measures', [KOMMUNE]);
        cleanup = platform.cleanup;
        return platform.env;
      },
    });
    await seedActiveTenant(rig.context.config.database.url, KOMMUNE);
    gateway = await createGatewayApp(rig.context.config);
    gatewayUrl = await listen(gateway);
    manager = await rig.as('incident-manager');
    token = await rig.sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
    incidentId = (
      await manager
        .post('/admin/v1/incidents', { severity: 'high', summary: 'Upstream incident at Skatteetaten' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await gateway?.close();
    await rig?.close();
    await cleanup?.();
  });

  it('pause-api answers 503 api-paused for that API alone, within a second, until it is resumed', async () => {
    expect(await call(PATHS.inntekt(KOMMUNE))).toEqual({ status: 200, code: 'allowed' });
    await act({ type: 'pause-api', api: 'inntekt', reason: 'Skatteetaten reports wrong figures' }).expect(201);
    expect(await until(PATHS.inntekt(KOMMUNE), 'api-paused')).toBeLessThan(1000);
    expect(await call(PATHS.inntekt(KOMMUNE))).toEqual({ status: 503, code: 'api-paused' });
    expect(await call(PATHS.skattegrunnlag(KOMMUNE))).toEqual({ status: 200, code: 'allowed' });

    await act({ type: 'resume-api', api: 'inntekt' }).expect(201);
    expect(await until(PATHS.inntekt(KOMMUNE), 'allowed')).toBeLessThan(1000);
  });

  it('block-subject answers 403 subject-blocked for that person alone, within a second, until the block is lifted', async () => {
    expect(await call(inntektOf(OTHER_PERSON))).toEqual({ status: 200, code: 'allowed' });
    const blocked = await act({
      type: 'block-subject',
      personidentifikator: BLOCKED,
      reason: 'Investigation of look-ups',
    }).expect(201);
    expect(await until(inntektOf(BLOCKED), 'subject-blocked')).toBeLessThan(1000);
    expect(await call(inntektOf(BLOCKED))).toEqual({ status: 403, code: 'subject-blocked' });
    expect(await call(inntektOf(OTHER_PERSON))).toEqual({ status: 200, code: 'allowed' });

    await act({ type: 'unblock-subject', blockId: blocked.body.after.blockId }).expect(201);
    expect(await until(inntektOf(BLOCKED), 'allowed')).toBeLessThan(1000);
  });
});
