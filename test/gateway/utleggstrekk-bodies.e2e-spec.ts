import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { createWorkerApp } from '#worker';
import { SubjectProtection } from '#audit';
import { loadConfig } from '#core';
import { subjectKey } from '#policy';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { uploadDecisionDocument, withDocument } from '../support/vedlegg.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE, skatteetatenExample } from '../support/platform.js';

const KOMMUNE = '974760673';
/** A valid, non-synthetic fødselsnummer, blocked by the operator before the gateways start. */
const BLOCKED = '01029413157';
const PERSON = '15038500047';
/** The company of the oppslag spec example (the simulator knows it: harSamordnetTrekk true). */
const COMPANY = '312597772';
/** The Tenor (synthetic) d-nummer of the spec examples. */
const SYNTHETIC = '44926701751';

interface Problem {
  code: string;
  detail: string;
  pointer?: string;
  reason?: string;
  model?: string;
  errors?: Array<{ pointer: string; rule: string; detail: string }>;
}

/** A deep copy with the value at a JSON pointer replaced, or removed when `value` is undefined. */
function edited(body: unknown, pointer: string, value?: unknown): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const tokens = pointer.split('/').slice(1);
  const last = tokens.pop() as string;
  const parent = tokens.reduce((node, token) => node[token] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('utleggstrekk bodies: data subject and model checked before the policy and any upstream work', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let db: pg.Client;
  let cleanup: () => Promise<void>;
  const apps: NestFastifyApplication[] = [];
  /** Gateways: APP_ENV=test with beslutning model 1.0 (the default) and 2.0, and one under prod rules. */
  const url = { v1: '', v2: '', prod: '' };
  let token: string;
  let oppslag: Record<string, unknown>;
  let beslutning1: Record<string, unknown>;
  let beslutning2: Record<string, unknown>;
  let subjects: SubjectProtection;

  const post = async (base: string, path: string, body: unknown, correlationId = randomUUID()) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        'x-correlation-id': correlationId,
        ...CONTEXT_HEADERS,
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Problem & Record<string, unknown>,
      correlationId,
    };
  };
  const eventOf = async (correlationId: string) =>
    (
      await db.query(
        'SELECT kind, operation, decision, reason_code, http_status, upstream_status, subject_hash FROM audit_events WHERE correlation_id = $1 ORDER BY id',
        [correlationId],
      )
    ).rows as Array<Record<string, unknown>>;
  const storedRegistrations = async () =>
    Number((await db.query('SELECT count(*) AS n FROM registrations WHERE tenant_orgnr = $1', [KOMMUNE])).rows[0].n);
  const upstreamCalls = async () => sim.control.requests('utleggstrekk');
  const hashOf = (subject: string) => subjects.hashesOf(subject)[0];

  beforeAll(async () => {
    [oppslag, beslutning1, beslutning2] = await Promise.all([
      skatteetatenExample('oppslag-samordnet-trekk-kommune.json'),
      skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json'),
      skatteetatenExample('beslutning-om-utleggstrekk-fra-kommune-v2.json'),
    ]);
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'bodies-test', [KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext({
      ...platform.env,
      REGISTRATION_WAIT_MS: '3000',
      REGISTRATION_BACKOFF_MS: '100',
    });
    subjects = new SubjectProtection(context.config.audit);
    await seedActiveTenant(context.config.database.url, KOMMUNE);
    db = new pg.Client({ connectionString: context.config.database.url });
    await db.connect();
    await db.query(
      `INSERT INTO blocked_subjects (subject_hash, reason, blocked_by) VALUES ($1, 'court order', 'test')`,
      [subjectKey(BLOCKED, context.config.policy.subjectBlockKey as string)],
    );

    const prodKey = () => `k1:${randomBytes(32).toString('base64')}`;
    const configs = {
      v1: context.config,
      v2: loadConfig({ ...context.env, UTLEGGSTREKK_BESLUTNING_MODEL: '2.0' }),
      prod: loadConfig({
        ...context.env,
        APP_ENV: 'prod',
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false',
        AUDIT_SUBJECT_HMAC_KEYS: prodKey(),
        AUDIT_SUBJECT_ENCRYPTION_KEYS: prodKey(),
        POLICY_SUBJECT_BLOCK_KEY: 'p'.repeat(40),
      }),
    };
    for (const name of ['v1', 'v2', 'prod'] as const) {
      const gateway = await createGatewayApp(configs[name]);
      apps.push(gateway);
      url[name] = await listen(gateway);
    }
    const worker = await createWorkerApp(context.config);
    apps.push(worker);
    await worker.init();
    token = await sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
    const uuid = await uploadDecisionDocument({ url: url.v1, orgnr: KOMMUNE, token });
    [beslutning1, beslutning2] = [withDocument(beslutning1, uuid), withDocument(beslutning2, uuid)];
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.end();
    await sim?.close();
    await context?.close();
    await cleanup?.();
  });

  beforeEach(async () => {
    await sim.control.clearRequests();
  });

  describe('a blocked data subject in the body is refused like one in the path', () => {
    it('oppslag: 403 subject-blocked, a deny event naming the person, nothing upstream', async () => {
      const response = await post(
        url.v1,
        PATHS.oppslag(KOMMUNE),
        edited(oppslag, '/skyldner/taxIdentificationNumber', BLOCKED),
      );
      expect(response).toMatchObject({ status: 403, body: { code: 'subject-blocked' } });
      expect(JSON.stringify(response.body)).not.toContain(BLOCKED);
      expect(await eventOf(response.correlationId)).toEqual([
        {
          kind: 'gateway-request',
          operation: 'utleggstrekk.oppslag-samordnet-trekk',
          decision: 'deny',
          reason_code: 'subject-blocked',
          http_status: 403,
          upstream_status: null,
          subject_hash: hashOf(BLOCKED),
        },
      ]);
      expect(await upstreamCalls()).toEqual([]);
    });

    it.each([
      [
        'model 1.0 (the saksøkt)',
        'v1',
        () => edited(beslutning1, '/saksoekt/saksoekt/person/identifikator/taxIdentificationNumber', BLOCKED),
      ],
      ['model 2.0 (the skyldner)', 'v2', () => edited(beslutning2, '/skyldner/taxIdentificationNumber', BLOCKED)],
    ] as const)('registration, %s: 403 subject-blocked, nothing stored, nothing upstream', async (_, gateway, body) => {
      const before = await storedRegistrations();
      const response = await post(url[gateway], PATHS.beslutning(KOMMUNE), body());
      expect(response).toMatchObject({ status: 403, body: { code: 'subject-blocked' } });
      expect(await eventOf(response.correlationId)).toEqual([
        expect.objectContaining({
          operation: 'utleggstrekk.send-beslutning',
          decision: 'deny',
          reason_code: 'subject-blocked',
          subject_hash: hashOf(BLOCKED),
        }),
      ]);
      expect(await storedRegistrations()).toBe(before);
      expect(await upstreamCalls()).toEqual([]);
    });
  });

  describe('a body whose subject or shape is wrong is 400 with its own code and pointer, and never leaves the gateway', () => {
    it.each([
      [
        'oppslag without a subject',
        'v1',
        'oppslag',
        () => edited(oppslag, '/skyldner/taxIdentificationNumber'),
        { code: 'subject-missing', pointer: '/skyldner/taxIdentificationNumber' },
        null,
      ],
      [
        'registration without the saksøkt person (1.0)',
        'v1',
        'beslutning',
        () => edited(beslutning1, '/saksoekt/saksoekt/person'),
        { code: 'subject-missing', pointer: '/saksoekt/saksoekt/person/identifikator/taxIdentificationNumber' },
        null,
      ],
      [
        'a model 2.0 body on the model 1.0 path',
        'v1',
        'beslutning',
        () => beslutning2,
        {
          code: 'subject-missing',
          pointer: '/saksoekt/saksoekt/person/identifikator/taxIdentificationNumber',
          model: 'Beslutning om trekk fra kommune 1.0',
        },
        null,
      ],
      [
        'oppslag with a wrong mod 11 check digit',
        'v1',
        'oppslag',
        () => edited(oppslag, '/skyldner/taxIdentificationNumber', '01029413158'),
        { code: 'subject-invalid', pointer: '/skyldner/taxIdentificationNumber', reason: 'invalid-check-digit' },
        null,
      ],
      [
        'oppslag of a company with a wrong orgnr check digit',
        'v1',
        'oppslag',
        () => edited(oppslag, '/skyldner/taxIdentificationNumber', '312597773'),
        { code: 'subject-invalid', reason: 'invalid-check-digit' },
        null,
      ],
      [
        'a company as skyldner of a registration (2.0 allows a person only)',
        'v2',
        'beslutning',
        () => edited(beslutning2, '/skyldner/taxIdentificationNumber', COMPANY),
        { code: 'subject-invalid', pointer: '/skyldner/taxIdentificationNumber', reason: 'not-eleven-digits' },
        null,
      ],
      [
        'a synthetic (Tenor) skyldner under prod rules',
        'prod',
        'oppslag',
        () => edited(oppslag, '/skyldner/taxIdentificationNumber', SYNTHETIC),
        { code: 'subject-invalid', reason: 'synthetic-not-allowed' },
        null,
      ],
      [
        "the spec's beslutning example (a Tenor saksøkt) under prod rules",
        'prod',
        'beslutning',
        () => beslutning1,
        { code: 'subject-invalid', reason: 'synthetic-not-allowed' },
        null,
      ],
      [
        'an unknown field',
        'v1',
        'oppslag',
        () => ({ ...edited(oppslag, '/skyldner/taxIdentificationNumber', PERSON), ekstra: true }),
        {
          code: 'invalid-body',
          errors: [{ pointer: '/ekstra', rule: 'additionalProperties', detail: 'is not a field of this model' }],
        },
        PERSON,
      ],
      [
        'a missing required field (1.0)',
        'v1',
        'beslutning',
        () => edited(beslutning1, '/underskrift'),
        { code: 'invalid-body', errors: [{ pointer: '/underskrift', rule: 'required', detail: 'is required' }] },
        SYNTHETIC,
      ],
      [
        'a missing required field (2.0)',
        'v2',
        'beslutning',
        () => edited(beslutning2, '/krav'),
        { code: 'invalid-body', errors: [{ pointer: '/krav', rule: 'required', detail: 'is required' }] },
        SYNTHETIC,
      ],
      [
        'a field of the wrong type',
        'v1',
        'beslutning',
        () => edited(beslutning1, '/kravTilInnkreving/0/opprinneligBeloep/beloep', '12469.14'),
        {
          code: 'invalid-body',
          errors: [
            { pointer: '/kravTilInnkreving/0/opprinneligBeloep/beloep', rule: 'type', detail: 'must be number' },
          ],
        },
        SYNTHETIC,
      ],
      [
        'prioritetISak outside 1–99 (2.0)',
        'v2',
        'beslutning',
        () => edited(beslutning2, '/krav/0/prioritetISak', 100),
        {
          code: 'invalid-body',
          errors: [{ pointer: '/krav/0/prioritetISak', rule: 'maximum', detail: 'must be <= 99' }],
        },
        SYNTHETIC,
      ],
    ] as const)('%s', async (_, gateway, operation, body, expected, auditedSubject) => {
      const before = await storedRegistrations();
      const response = await post(url[gateway], PATHS[operation](KOMMUNE), body());
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject(expected);
      if ('pointer' in expected) expect(response.body.detail).toContain(expected.pointer);
      if ('errors' in expected) expect(response.body.detail).toContain(expected.errors[0].pointer);
      for (const identifier of [PERSON, SYNTHETIC, COMPANY, '01029413158'])
        expect(response.body.detail).not.toContain(identifier);

      const events = await eventOf(response.correlationId);
      expect(events).toEqual([
        expect.objectContaining({
          decision: 'deny',
          reason_code: expected.code,
          http_status: 400,
          upstream_status: null,
        }),
      ]);
      // The subject is recorded only when it was valid (here the prod gateway's subjects never are).
      expect(events[0].subject_hash).toBe(auditedSubject === null ? null : hashOf(auditedSubject));
      expect(await storedRegistrations()).toBe(before);
      expect(await upstreamCalls()).toEqual([]);
    });
  });

  describe('valid bodies pass', () => {
    it("oppslag of a company (the spec example's orgnr), where Skatteetaten allows one", async () => {
      const response = await post(url.v1, PATHS.oppslag(KOMMUNE), oppslag);
      expect(response).toMatchObject({
        status: 200,
        body: { skyldner: { taxIdentificationNumber: COMPANY }, harSamordnetTrekk: true },
      });
      expect(await eventOf(response.correlationId)).toEqual([
        expect.objectContaining({ decision: 'allow', upstream_status: 200, subject_hash: hashOf(COMPANY) }),
      ]);
      expect(await upstreamCalls()).toHaveLength(1);
    });

    it('oppslag of a person who is not blocked', async () => {
      const response = await post(
        url.v1,
        PATHS.oppslag(KOMMUNE),
        edited(oppslag, '/skyldner/taxIdentificationNumber', PERSON),
      );
      expect(response).toMatchObject({ status: 200, body: { harSamordnetTrekk: false } });
      expect(await eventOf(response.correlationId)).toEqual([
        expect.objectContaining({ decision: 'allow', subject_hash: hashOf(PERSON) }),
      ]);
    });

    it.each([
      ["model 1.0 (the spec's example)", 'v1', () => edited(beslutning1, '/innsenderReferanse', randomUUID())],
      ['model 2.0', 'v2', () => edited(beslutning2, '/innsendersReferanse', randomUUID())],
    ] as const)('a registration in %s is stored, sent and answered with the receipt', async (_, gateway, body) => {
      const response = await post(url[gateway], PATHS.beslutning(KOMMUNE), body());
      expect(response).toMatchObject({ status: 201, body: { status: 'mottatt' } });
      // The request's event (committed with the stored registration) and the worker's send events, each naming the skyldner.
      const events = await eventOf(response.correlationId);
      expect(events).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'gateway-request', decision: 'allow', subject_hash: hashOf(SYNTHETIC) }),
          expect.objectContaining({
            kind: 'registration-send',
            decision: 'allow',
            upstream_status: 201,
            subject_hash: hashOf(SYNTHETIC),
          }),
        ]),
      );
      expect(events.filter((event) => event.subject_hash !== hashOf(SYNTHETIC))).toEqual([]);
      expect(await upstreamCalls()).toHaveLength(1);
    });
  });
});
