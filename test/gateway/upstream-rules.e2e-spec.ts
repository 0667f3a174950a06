import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { createWorkerApp } from '#worker';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { uploadDecisionDocument, withDocument } from '../support/vedlegg.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from './support.js';

const KOMMUNE = '974760673';

interface RuleProblem {
  status: number;
  code: string;
  registrationId: string;
  upstream: { status: number; korrelasjonsid: string; regler: Array<{ vilkaarnavn: string; melding: string }> };
}

/** Skatteetaten's 422 rule lists (reference §3) reach the caller as `upstream.regler[]`, whichever format it answered in. */
describe('upstream rule lists (422)', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let url: string;
  let token: string;
  let example: Record<string, unknown>;
  let cleanup: () => Promise<void>;

  const register = async (body: object, accept = 'application/json'): Promise<RuleProblem> => {
    const response = await fetch(`${url}${PATHS.beslutning(KOMMUNE)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        accept,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...CONTEXT_HEADERS,
      },
      body: JSON.stringify({ ...example, innsenderReferanse: randomUUID(), ...body }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return { status: response.status, ...((await response.json()) as Omit<RuleProblem, 'status'>) };
  };
  const rulesOf = (problem: RuleProblem) => problem.upstream.regler.map((rule) => rule.vilkaarnavn);

  beforeAll(async () => {
    example = JSON.parse(
      await readFile('apps/simulator/fixtures/skatteetaten/examples/beslutning-om-trekk-fra-kommune-v1.json', 'utf8'),
    ) as Record<string, unknown>;
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'rules-test', [KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext({
      ...platform.env,
      REGISTRATION_WAIT_MS: '3000',
      REGISTRATION_BACKOFF_MS: '100',
    });
    await seedActiveTenant(context.config.database.url, KOMMUNE);
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
    worker = await createWorkerApp(context.config);
    await worker.init();
    token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
    example = withDocument(example, await uploadDecisionDocument({ url, orgnr: KOMMUNE, token }));
  });

  afterAll(async () => {
    await gateway?.close();
    await worker?.close();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  const betaling = () => example.betalingsinformasjon as Record<string, unknown>;
  const broken = () => ({
    beslutning: { type: 'tvangsgrunnlag', filnavn: 'tvangsgrunnlag' },
    betalingsinformasjon: {
      ...betaling(),
      kidnummer: '2509937607',
      kontoinformasjon: { ...(betaling().kontoinformasjon as object), kontonummer: '69930570045' },
    },
  });

  it('lists every rule a registration breaks, each named, when Skatteetaten answers in JSON', async () => {
    const problem = await register(broken());
    expect(problem).toMatchObject({ status: 422, code: 'upstream-rejected', upstream: { status: 422 } });
    expect(rulesOf(problem)).toEqual(['VEDLEGG_SKAL_HA_UUID', 'UGYLDIG_KONTONR', 'UGYLDIG_KID']);
    expect(problem.upstream.regler.every((rule) => rule.melding.length > 0)).toBe(true);
    expect(problem.upstream.korrelasjonsid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same list when Skatteetaten answers in XML', async () => {
    const problem = await register(broken(), 'application/xml');
    expect(problem).toMatchObject({ status: 422, code: 'upstream-rejected' });
    expect(rulesOf(problem)).toEqual(['VEDLEGG_SKAL_HA_UUID', 'UGYLDIG_KONTONR', 'UGYLDIG_KID']);
  });

  it('answers each rule alone on the input that breaks it', async () => {
    // Without a uuid (one the tenant did not upload never leaves the gateway: vedlegg.e2e-spec.ts).
    expect(rulesOf(await register({ beslutning: { type: 'tvangsgrunnlag', filnavn: 'x' } }))).toEqual([
      'VEDLEGG_SKAL_HA_UUID',
    ]);
    expect(rulesOf(await register({ betalingsinformasjon: { ...betaling(), kidnummer: '2509937607' } }))).toEqual([
      'UGYLDIG_KID',
    ]);
    expect(
      rulesOf(
        await register({
          betalingsinformasjon: {
            ...betaling(),
            kontoinformasjon: { ...(betaling().kontoinformasjon as object), kontonummer: '1234' },
          },
        }),
      ),
    ).toEqual(['UGYLDIG_KONTONR']);
  });
});
