import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type GatewayRig,
  PATHS,
  skatteetatenExample,
  startGatewayRig,
  uploadDecisionDocument,
  withDocument,
} from '../support/index.js';

const KOMMUNE = '974760673';

interface RuleProblem {
  status: number;
  code: string;
  registrationId: string;
  upstream: { status: number; korrelasjonsid: string; regler: Array<{ vilkaarnavn: string; melding: string }> };
}

/** Skatteetaten's 422 rule lists (reference §3) reach the caller as `upstream.regler[]`, whichever format it answered in. */
describe('upstream rule lists (422)', () => {
  let rig: GatewayRig;
  let example: Record<string, unknown>;

  const register = async (body: object, accept = 'application/json'): Promise<RuleProblem> => {
    const answer = await rig.call<Omit<RuleProblem, 'status'>>(PATHS.beslutning(KOMMUNE), {
      method: 'POST',
      headers: { accept, 'idempotency-key': randomUUID() },
      body: { ...example, innsenderReferanse: randomUUID(), ...body },
    });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return { ...answer.body, status: answer.status };
  };
  const rulesOf = (problem: RuleProblem) => problem.upstream.regler.map((rule) => rule.vilkaarnavn);

  beforeAll(async () => {
    example = await skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json');
    rig = await startGatewayRig({
      client: 'rules-test',
      tenants: [KOMMUNE],
      env: { REGISTRATION_WAIT_MS: '3000', REGISTRATION_BACKOFF_MS: '100' },
      worker: true,
    });
    example = withDocument(
      example,
      await uploadDecisionDocument({ url: rig.url, orgnr: KOMMUNE, token: await rig.token(KOMMUNE) }),
    );
  });

  afterAll(() => rig?.close());

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
