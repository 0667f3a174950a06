import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAdminApp } from '#admin';
import { createWorkerApp } from '#worker';
import { subjectKey } from '#policy';
import { type GatewayRig, startGatewayRig } from '../support/gateway-rig.js';
import type { SimulatorHandle } from '../support/simulator.js';
import { listen, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import { uploadDecisionDocument, withDocument } from '../support/vedlegg.js';
import { eventually } from '../support/eventually.js';
import { PATHS, skatteetatenExample } from '../support/platform.js';

const KOMMUNE = '974760673';
/** The saksøkt of the beslutning example (a Tenor d-nummer); the simulator's fixture answers no for it. */
const DEBTOR = '44926701751';
/** UTLEGGSTREKK_TRANSITION_UNTIL ahead, so the rule is live; the instant is midnight in Norway. */
const UNTIL = '2099-01-01';
const UNTIL_INSTANT = '2098-12-31T23:00:00.000Z';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  correlationId: string;
}

describe('the 2026 transition: a registration needs a recent positive oppslag samordnet trekk (issue 18 item 4)', () => {
  let rig: GatewayRig;
  let sim: SimulatorHandle;
  let context: TestContext;
  let db: pg.Client;
  /** The admin app, and the worker once a test starts it. */
  const apps: NestFastifyApplication[] = [];
  let url: string;
  let adminUrl: string;
  let token: string;
  let beslutning: Record<string, unknown>;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const correlationId = randomUUID();
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
        ...CONTEXT_HEADERS,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, correlationId };
  };
  const oppslag = () =>
    post(PATHS.oppslag(KOMMUNE), { skyldner: { landkodeIdentifikator: 'NO', taxIdentificationNumber: DEBTOR } });
  const register = () =>
    post(
      PATHS.beslutning(KOMMUNE),
      { ...beslutning, innsenderReferanse: randomUUID() },
      { 'idempotency-key': randomUUID() },
    );
  const eventOf = async (correlationId: string) =>
    (
      await db.query('SELECT decision, reason_code, http_status FROM audit_events WHERE correlation_id = $1', [
        correlationId,
      ])
    ).rows as Array<Record<string, unknown>>;
  const storedRegistrations = async () =>
    Number((await db.query('SELECT count(*) AS n FROM registrations WHERE tenant_orgnr = $1', [KOMMUNE])).rows[0].n);
  const beslutningerSent = async () =>
    ((await sim.control.call('GET', '/_sim/beslutninger')) as { count: number }).count;
  const records = async () =>
    (
      await db.query(
        'SELECT tenant_orgnr, subject_hash, har_samordnet_trekk, korrelasjonsid FROM samordnet_trekk_oppslag ORDER BY answered_at',
      )
    ).rows as Array<Record<string, unknown>>;
  const status = async (path: string) =>
    (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<
      Record<string, unknown>
    >;
  const settled = (statusUrl: string): Promise<Record<string, unknown>> =>
    eventually(
      async () => {
        const body = await status(statusUrl);
        return !['accepted', 'sending'].includes(body.status as string) && body;
      },
      { interval: 100 },
    );

  beforeAll(async () => {
    beslutning = await skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json');
    rig = await startGatewayRig({
      client: 'transition-test',
      tenants: [KOMMUNE],
      env: { UTLEGGSTREKK_TRANSITION_UNTIL: UNTIL, REGISTRATION_WAIT_MS: '500', REGISTRATION_BACKOFF_MS: '100' },
    });
    ({ sim, context, db, url } = rig);
    const admin = await createAdminApp(context.config);
    apps.push(admin);
    adminUrl = await listen(admin);
    token = await rig.token(KOMMUNE);
    beslutning = withDocument(beslutning, await uploadDecisionDocument({ url, orgnr: KOMMUNE, token }));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await rig?.close();
  });

  it('/status and the admin explanation name the rule for utleggstrekk registrations while the transition lasts', async () => {
    const body = (await status(`/api/v1/${KOMMUNE}/status`)) as {
      apis: Array<{ api: string; usable: boolean; transition?: Record<string, unknown> }>;
    };
    const byApi = Object.fromEntries(body.apis.map((api) => [api.api, api]));
    expect(byApi.utleggstrekk).toMatchObject({
      usable: true,
      transition: { until: UNTIL_INSTANT, rule: 'samordnet-trekk-not-confirmed', maxAgeDays: 30 },
    });
    expect(byApi.inntekt.transition).toBeUndefined();

    const operator = await sim.control.mintOperatorToken({ sub: 'viewer@example.no', roles: ['viewer'] });
    const explain = async (operation: string) => {
      const query = new URLSearchParams({
        orgnr: KOMMUNE,
        operation,
        legalBasis: 'vegtrafikkloven-38',
        purpose: 'innkreving-kommunale-krav',
      });
      return (await (
        await fetch(`${adminUrl}/admin/v1/policy/explain?${query.toString()}`, {
          headers: { authorization: `Bearer ${operator}` },
        })
      ).json()) as Record<string, unknown>;
    };
    expect(await explain('utleggstrekk.send-beslutning')).toMatchObject({
      allow: true,
      transition: { until: UNTIL_INSTANT, rule: 'samordnet-trekk-not-confirmed' },
    });
    expect((await explain('utleggstrekk.oppslag-samordnet-trekk')).transition).toBeUndefined();
  });

  it('refuses a registration for a debtor never looked up (409), audits the denial, stores and sends nothing', async () => {
    const refused = await register();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'samordnet-trekk-not-confirmed' });
    expect(refused.body.detail).toContain('No oppslag samordnet trekk');
    expect(JSON.stringify(refused.body)).not.toContain(DEBTOR);
    expect(await eventOf(refused.correlationId)).toEqual([
      { decision: 'deny', reason_code: 'samordnet-trekk-not-confirmed', http_status: 409 },
    ]);
    expect(await storedRegistrations()).toBe(0);
    expect(await beslutningerSent()).toBe(0);
  });

  it('records an oppslag that answered no (keyed hash, never the number) and still refuses the registration', async () => {
    const looked = await oppslag();
    expect(looked).toMatchObject({ status: 200, body: { harSamordnetTrekk: false } });
    const rows = await records();
    expect(rows).toEqual([
      {
        tenant_orgnr: KOMMUNE,
        subject_hash: subjectKey(DEBTOR, context.config.policy.subjectBlockKey as string),
        har_samordnet_trekk: false,
        korrelasjonsid: expect.any(String),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(DEBTOR);

    const refused = await register();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'samordnet-trekk-not-confirmed' });
    expect(refused.body.detail).toContain('no trekk under the new regime');
    expect(await storedRegistrations()).toBe(0);
  });

  it('accepts the registration once an oppslag answered yes; the worker refuses at send time when the record is gone', async () => {
    await sim.control.setSamordnetTrekk(DEBTOR, true);
    expect(await oppslag()).toMatchObject({ status: 200, body: { harSamordnetTrekk: true } });

    // No worker yet: accepted (202) and stored, not sent.
    const accepted = await register();
    expect(accepted.status).toBe(202);
    await db.query('DELETE FROM samordnet_trekk_oppslag');
    const worker = await createWorkerApp(context.config);
    apps.push(worker);
    await worker.init();
    expect(await settled(accepted.body.statusUrl as string)).toMatchObject({
      status: 'refused',
      refusal: { code: 'samordnet-trekk-not-confirmed' },
    });
    expect(await beslutningerSent()).toBe(0);

    // A fresh positive oppslag, and the registration goes through to Skatteetaten.
    expect(await oppslag()).toMatchObject({ status: 200, body: { harSamordnetTrekk: true } });
    const registered = await register();
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'mottatt' });
    expect(await beslutningerSent()).toBe(1);
  });
});
