import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectPlatform, PLATFORM_SCOPE } from '../gateway/support.js';
import { freePort, type RunningProcess, startProcess, waitReady } from '../support/processes.js';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { eventually } from '../support/eventually.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

const KOMMUNE = '974760673';
const PERSON = '01029413157';
const AUDIENCE = 'https://delingsmegler.example.no/api';
/** The person's number with every digit percent-encoded: decoded once, the same identifier. */
const ENCODED_PERSON = [...PERSON].map((digit) => `%3${digit}`).join('');

/** The month `back` months before the current one in Norway, as YYYY-MM. */
function monthsAgo(back: number): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number);
  const index = year * 12 + (month - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Issue 12 item 7 against a gateway process as it runs in production (JSON logs on stdout), with
 * MASKINPORTEN_INBOUND_AUDIENCE set: the inntekt period bounds, the path decoded once, masked
 * log lines and the inbound audience.
 */
describe('gateway inputs and defaults', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: RunningProcess;
  let token: string;
  let cleanup: () => Promise<void>;

  const get = async (path: string, bearer = token, correlationId?: string) => {
    const response = await fetch(`${gateway.url}${path}`, {
      headers: {
        authorization: `Bearer ${bearer}`,
        ...CONTEXT_HEADERS,
        ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
      },
    });
    const text = await response.text();
    let body: { code?: string; detail?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      code: body.code,
      detail: body.detail,
      text,
    };
  };
  const inntekt = (query: string, person = PERSON) =>
    `/api/v1/${KOMMUNE}/inntekt/v1/saernamsmann/${person}/inntekter?${query}`;

  beforeAll(async () => {
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'inputs-test', [KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext(platform.env);
    await seedActiveTenant(context.config.database.url, KOMMUNE);
    const port = await freePort();
    gateway = startProcess(
      'gateway',
      { ...context.env, LOG_LEVEL: 'info', GATEWAY_PORT: String(port), MASKINPORTEN_INBOUND_AUDIENCE: AUDIENCE },
      port,
    );
    await waitReady(gateway);
    token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE, claims: { aud: AUDIENCE } });
  });

  afterAll(async () => {
    await gateway?.stop();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  describe('the inntekt period', () => {
    it('without tilOgMed runs to the current month, so a fraOgMed beyond the span is refused', async () => {
      const refused = await get(inntekt(`fraOgMed=${monthsAgo(12)}`));
      expect(refused).toMatchObject({ status: 400, code: 'period-too-long' });
      expect(refused.detail).toContain('up to the current month');
      expect(await get(inntekt('fraOgMed=2018-01'))).toMatchObject({ status: 400, code: 'period-too-long' });
      // Within the span the call goes to Skatteetaten (whose answer is that it has no data then).
      expect(await get(inntekt(`fraOgMed=${monthsAgo(11)}`))).toMatchObject({ status: 404, code: 'upstream-rejected' });
    });

    it.each([
      ['fraOgMed 2014-12, before a-ordningen', 'fraOgMed=2014-12&tilOgMed=2015-06'],
      ['a tilOgMed after the current month', `fraOgMed=${monthsAgo(1)}&tilOgMed=${monthsAgo(-1)}`],
      ['a fraOgMed after the current month', `fraOgMed=${monthsAgo(-1)}`],
    ])('refuses %s with 400 period-out-of-range', async (_name, query) => {
      expect(await get(inntekt(query))).toMatchObject({ status: 400, code: 'period-out-of-range' });
    });

    it('accepts 2015-01, the first month of a-ordningen', async () => {
      expect((await get(inntekt('fraOgMed=2015-01&tilOgMed=2015-12'))).code).not.toBe('period-out-of-range');
    });
  });

  describe('the path, decoded once', () => {
    it.each([
      ['an encoded % (%25) in the personidentifikator', `${PERSON.slice(0, 10)}%25`],
      ['an encoded % before valid hex', `%2530${PERSON.slice(1)}`],
      ['a stray %', `${PERSON.slice(0, 10)}%`],
      ['a % before non-hex', `${PERSON.slice(0, 9)}%zz`],
      ['bad UTF-8', `${PERSON.slice(0, 10)}%C3`],
    ])('answers %s with 400 path-invalid problem+json', async (_name, segment) => {
      const answer = await get(inntekt('fraOgMed=2026-01', segment));
      expect(answer).toMatchObject({
        status: 400,
        code: 'path-invalid',
        type: expect.stringContaining('application/problem+json'),
      });
      expect(answer.text).not.toContain(PERSON.slice(0, 9));
    });

    it('sends a percent-encoded personidentifikator upstream as the identifier it decodes to once', async () => {
      await sim.control.clearRequests();
      expect((await get(inntekt('fraOgMed=2018-07&tilOgMed=2018-07', ENCODED_PERSON))).status).toBe(200);
      expect((await sim.control.requests('inntekt')).map((request) => request.path)).toEqual([
        `/inntekt/v1/saernamsmann/${PERSON}/inntekter?fraOgMed=2018-07&tilOgMed=2018-07`,
      ]);
    });
  });

  it('masks the personidentifikator in log lines, also when it was percent-encoded in the path', async () => {
    await get(inntekt('fraOgMed=2026-01', `${PERSON}%`), token, 'corr-bad-path');
    await get(inntekt('fraOgMed=2018-07&tilOgMed=2018-07', ENCODED_PERSON), token, 'corr-encoded-fnr');
    // One stream, in order: once the second request's line is out, whatever the first logged is too.
    const line = await eventually(() => {
      const entries = gateway
        .stdout()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { correlationId?: string; req?: { path?: string } });
      return entries.find((entry) => entry.correlationId === 'corr-encoded-fnr' && entry.req);
    });
    expect(line.req?.path).toContain('/saernamsmann/***********/inntekter');
    const all = gateway.stdout();
    expect(all).not.toContain(PERSON);
    expect(all).not.toContain(ENCODED_PERSON);
    expect(all).not.toContain(ENCODED_PERSON.toLowerCase());
  });

  describe('inbound tokens with MASKINPORTEN_INBOUND_AUDIENCE set', () => {
    it.each([
      ['another audience', { aud: 'https://someone-else.example.no' }],
      ['no audience', { aud: undefined }],
    ])('refuses a token for %s with 401 token-audience-invalid', async (_name, claims) => {
      const other = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE, claims });
      expect(await get(`/api/v1/${KOMMUNE}/status`, other)).toMatchObject({
        status: 401,
        code: 'token-audience-invalid',
      });
    });

    it('accepts a token for the platform audience', async () => {
      expect((await get(`/api/v1/${KOMMUNE}/status`)).status).toBe(200);
    });
  });
});
