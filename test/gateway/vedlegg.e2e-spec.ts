import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { VedleggRegistry } from '#registrations';
import { type GatewayRig, startGatewayRig } from '../support/gateway-rig.js';
import { PATHS, skatteetatenExample } from '../support/platform.js';
import type { SimulatorHandle } from '../support/simulator.js';
import { CONTEXT_HEADERS } from '../support/tenants.js';
import { pdfDocument, uploadDecisionDocument, vedleggPath, withDocument } from '../support/vedlegg.js';

const KOMMUNE = '974760673';
const OTHER_KOMMUNE = '964338531';
const SUSPENDED = '944117784';
const TERMINATED = '938801363';
/** Larger than HTTP_BODY_LIMIT_BYTES (1 MiB, the JSON limit), so the upload's own limit is the one that counts. */
const MAX_BYTES = 1_572_864;

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

interface Answer {
  status: number;
  body: Record<string, unknown>;
  correlationId: string;
}

/** Issue 18, item 1: decision documents are uploaded as PDF, and a registration may reference only its own tenant's. */
describe('decision documents (vedlegg): upload, and the registrations that reference them', () => {
  let rig: GatewayRig;
  let sim: SimulatorHandle;
  let db: pg.Client;
  let url: string;
  const tokens: Record<string, string> = {};
  let example: Record<string, unknown>;

  const upload = async (
    content: Buffer | string | ReadableStream<Uint8Array>,
    options: {
      orgnr?: string;
      contentType?: string | null;
      headers?: Record<string, string>;
      token?: string | null;
    } = {},
  ): Promise<Answer> => {
    const orgnr = options.orgnr ?? KOMMUNE;
    const correlationId = randomUUID();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-correlation-id': correlationId,
      ...CONTEXT_HEADERS,
      ...options.headers,
    };
    if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/pdf';
    const token = options.token === undefined ? tokens[orgnr] : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const chunked = content instanceof ReadableStream;
    const body = Buffer.isBuffer(content) ? new Uint8Array(content) : content;
    const response = await fetch(`${url}${vedleggPath(orgnr)}`, {
      method: 'POST',
      headers,
      body,
      ...(chunked ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, correlationId };
  };
  /** A PDF to another path of the gateway. */
  const postPdf = async (path: string, headers: Record<string, string>): Promise<Answer> => {
    const correlationId = randomUUID();
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[KOMMUNE]}`,
        'content-type': 'application/pdf',
        'x-correlation-id': correlationId,
        ...CONTEXT_HEADERS,
        ...headers,
      },
      body: new Uint8Array(pdfDocument()),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, correlationId };
  };
  const register = async (body: unknown, orgnr = KOMMUNE): Promise<Answer> => {
    const correlationId = randomUUID();
    const response = await fetch(`${url}${PATHS.beslutning(orgnr)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[orgnr]}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        'x-correlation-id': correlationId,
        ...CONTEXT_HEADERS,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, correlationId };
  };
  const beslutning = (uuid: string) => ({ ...withDocument(example, uuid), innsenderReferanse: randomUUID() });
  const eventOf = async (correlationId: string) =>
    (
      await db.query(
        'SELECT tenant_orgnr, operation, decision, reason_code, http_status, upstream_status, details FROM audit_events WHERE correlation_id = $1 ORDER BY id',
        [correlationId],
      )
    ).rows as Array<Record<string, unknown>>;
  const storedRegistrations = async () =>
    Number((await db.query('SELECT count(*) AS n FROM registrations WHERE tenant_orgnr = $1', [KOMMUNE])).rows[0].n);
  const upstreamCalls = async () => (await sim.control.requests('utleggstrekk')).map((entry) => entry.path);
  const issuedAtSimulator = async () =>
    (
      (await sim.control.call('GET', '/_sim/vedlegg')) as {
        vedlegg: Array<{ uuid: string; bytes: number; sha256: string }>;
      }
    ).vedlegg;
  /** A chunked upload (no Content-Length): the body arrives in pieces, so only counting it on the way can enforce the cap. */
  const chunked = (content: Buffer, pieceSize = 65_536) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < content.length; offset += pieceSize)
          controller.enqueue(new Uint8Array(content.subarray(offset, offset + pieceSize)));
        controller.close();
      },
    });

  beforeAll(async () => {
    example = await skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json');
    rig = await startGatewayRig({
      client: 'vedlegg-test',
      tenants: {
        [KOMMUNE]: {},
        [OTHER_KOMMUNE]: {},
        [SUSPENDED]: { suspended: 'all' },
        [TERMINATED]: { status: 'terminated' },
      },
      connect: [KOMMUNE, OTHER_KOMMUNE],
      env: {
        UTLEGGSTREKK_VEDLEGG_MAX_BYTES: String(MAX_BYTES),
        REGISTRATION_WAIT_MS: '3000',
        REGISTRATION_BACKOFF_MS: '100',
      },
      worker: true,
    });
    ({ sim, db, url } = rig);
    for (const orgnr of [KOMMUNE, OTHER_KOMMUNE, SUSPENDED, TERMINATED]) tokens[orgnr] = await rig.token(orgnr);
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    await sim.control.clearRequests();
  });

  describe('the upload', () => {
    it.each([
      ['with a Content-Length', (content: Buffer) => content],
      ['chunked (no Content-Length)', (content: Buffer) => chunked(content)],
    ] as const)(
      "answers a PDF %s with Skatteetaten's uuid, remembered for the tenant with its SHA-256 and size; the audit event carries hash and size",
      async (_, bodyOf) => {
        // Over the JSON body limit: the PDF parser has its own.
        const content = pdfDocument(1_200_000);
        const response = await upload(bodyOf(content));
        expect(response.status).toBe(201);
        const uuid = response.body.uuid as string;
        expect(uuid).toMatch(/^[0-9a-f-]{36}$/);

        // Streamed intact: the simulator hashed the same bytes.
        expect(await issuedAtSimulator()).toContainEqual({
          uuid,
          bytes: content.length,
          sha256: sha256(content),
          mottatt: expect.any(String),
        });
        expect(await upstreamCalls()).toEqual(['/utleggstrekk/v1/vedlegg']);
        const stored = await db.query(
          'SELECT tenant_orgnr, sha256, bytes, caller_orgnr, korrelasjonsid FROM vedlegg WHERE uuid = $1',
          [uuid],
        );
        expect(stored.rows).toEqual([
          {
            tenant_orgnr: KOMMUNE,
            sha256: sha256(content),
            bytes: content.length,
            caller_orgnr: KOMMUNE,
            korrelasjonsid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          },
        ]);
        expect(await eventOf(response.correlationId)).toEqual([
          {
            tenant_orgnr: KOMMUNE,
            operation: 'utleggstrekk.last-opp-vedlegg',
            decision: 'allow',
            reason_code: null,
            http_status: 201,
            upstream_status: 201,
            details: { vedlegg: { uuid, sha256: sha256(content), bytes: content.length } },
          },
        ]);
      },
    );

    const notPdf = Buffer.from('GIF89a\x01\x00\x01\x00 this is an image, named beslutning.pdf', 'latin1');
    const tooLarge = pdfDocument(MAX_BYTES + 1);
    it.each([
      ['bytes that are not a PDF, sent as application/pdf', () => upload(notPdf), 415, 'vedlegg-not-pdf'],
      ['an empty body', () => upload(Buffer.alloc(0)), 415, 'vedlegg-not-pdf'],
      ['a PDF over the cap, by its Content-Length', () => upload(tooLarge), 413, 'vedlegg-too-large'],
      [
        'a PDF over the cap, chunked (refused while it streams)',
        () => upload(chunked(tooLarge)),
        413,
        'vedlegg-too-large',
      ],
      [
        'a PDF sent as text/plain',
        () => upload(pdfDocument(), { contentType: 'text/plain' }),
        415,
        'unsupported-media-type',
      ],
      [
        'JSON instead of the file',
        () => upload(JSON.stringify({ filnavn: 'beslutning.pdf' }), { contentType: 'application/json' }),
        415,
        'unsupported-media-type',
      ],
      // Fastify refuses a body without a media type before any route runs: no tenant is established, so the security log has it.
      [
        'no Content-Type',
        () => upload(pdfDocument(), { contentType: null }).then((answer) => ({ ...answer, correlationId: '' })),
        415,
        'unsupported-media-type',
      ],
      [
        'a PDF without the legal basis header',
        () => upload(pdfDocument(), { headers: { 'x-legal-basis': '' } }),
        400,
        'legal-basis-missing',
      ],
      [
        'a PDF sent to the registration path',
        () => postPdf(PATHS.beslutning(KOMMUNE), { 'idempotency-key': randomUUID() }),
        415,
        'unsupported-media-type',
      ],
      ['a suspended tenant', () => upload(pdfDocument(), { orgnr: SUSPENDED }), 403, 'tenant-suspended'],
      ['a terminated tenant', () => upload(pdfDocument(), { orgnr: TERMINATED }), 403, 'tenant-terminated'],
    ] as const)('refuses %s, and nothing reaches the simulator', async (_, send, status, code) => {
      const before = (await issuedAtSimulator()).length;
      const response = await send();
      expect(response).toMatchObject({ status, body: { code } });
      expect(await upstreamCalls()).toEqual([]);
      expect(await issuedAtSimulator()).toHaveLength(before);
      // The tenant's audit log has the refusal (where a tenant was established).
      if (response.correlationId)
        expect(await eventOf(response.correlationId)).toEqual([
          expect.objectContaining({ decision: 'deny', reason_code: code, http_status: status, upstream_status: null }),
        ]);
    });

    it('refuses a missing token with 401 (to the security log: no tenant is established), and nothing reaches the simulator', async () => {
      const response = await upload(pdfDocument(), { token: null });
      expect(response).toMatchObject({ status: 401, body: { code: 'token-missing' } });
      expect(await eventOf(response.correlationId)).toEqual([]);
      expect(await upstreamCalls()).toEqual([]);
    });

    it('answers the connection well after a refusal mid-upload: the next request on it goes through', async () => {
      expect((await upload(chunked(tooLarge))).status).toBe(413);
      expect((await upload(pdfDocument())).status).toBe(201);
    });
  });

  describe('registrations reference only their own tenant’s documents', () => {
    it('uploads a PDF, registers a decision referencing its uuid, and sees it completed at the simulator', async () => {
      const uuid = await uploadDecisionDocument({ url, orgnr: KOMMUNE, token: tokens[KOMMUNE] });
      const response = await register(beslutning(uuid));
      expect(response).toMatchObject({ status: 201, body: { status: 'mottatt' } });
      const { beslutninger } = (await sim.control.call('GET', '/_sim/beslutninger')) as {
        beslutninger: Array<{ id: string }>;
      };
      expect(beslutninger.map((entry) => entry.id)).toContain(response.body.id);
      expect(await upstreamCalls()).toEqual(['/utleggstrekk/v1/vedlegg', '/utleggstrekk/v1/beslutninger']);
    });

    it('refuses another tenant’s uuid exactly like an unknown one: 400 vedlegg-unknown before anything is stored or sent, audited as denied', async () => {
      const theirs = await uploadDecisionDocument({ url, orgnr: OTHER_KOMMUNE, token: tokens[OTHER_KOMMUNE] });
      await sim.control.clearRequests();
      const stored = await storedRegistrations();
      const answers: Answer[] = [];
      for (const uuid of [theirs, randomUUID()]) {
        const response = await register(beslutning(uuid));
        expect(response).toMatchObject({ status: 400, body: { code: 'vedlegg-unknown', uuids: [uuid] } });
        expect(await eventOf(response.correlationId)).toEqual([
          expect.objectContaining({
            tenant_orgnr: KOMMUNE,
            operation: 'utleggstrekk.send-beslutning',
            decision: 'deny',
            reason_code: 'vedlegg-unknown',
            http_status: 400,
          }),
        ]);
        answers.push(response);
      }
      // No oracle: the other tenant's document is refused in the same words as one that does not exist.
      expect(answers[0].body.detail).toBe(answers[1].body.detail);
      expect(await storedRegistrations()).toBe(stored);
      expect(await upstreamCalls()).toEqual([]);
      // The owner may reference it.
      expect((await register(beslutning(theirs), OTHER_KOMMUNE)).status).toBe(201);
    });

    it('checks every document the body references, not only the decision itself', async () => {
      const ours = await uploadDecisionDocument({ url, orgnr: KOMMUNE, token: tokens[KOMMUNE] });
      const body: Record<string, unknown> = beslutning(ours);
      const krav = body.kravTilInnkreving as Array<{
        betalingsoppfordring: Array<{ betalingsoppfordring: { uuid: string } }>;
      }>;
      krav[1].betalingsoppfordring[0].betalingsoppfordring.uuid = randomUUID();
      const stored = await storedRegistrations();
      const response = await register(body);
      expect(response).toMatchObject({
        status: 400,
        body: { code: 'vedlegg-unknown', uuids: [krav[1].betalingsoppfordring[0].betalingsoppfordring.uuid] },
      });
      expect(await storedRegistrations()).toBe(stored);
    });

    it('forgets an upload after VEDLEGG_RETENTION_DAYS: it can no longer be referenced, and the worker deletes its record', async () => {
      const uuid = await uploadDecisionDocument({ url, orgnr: KOMMUNE, token: tokens[KOMMUNE] });
      await db.query(`UPDATE vedlegg SET uploaded_at = now() - interval '366 days' WHERE uuid = $1`, [uuid]);
      expect(await register(beslutning(uuid))).toMatchObject({ status: 400, body: { code: 'vedlegg-unknown' } });
      expect(await rig.worker!.get(VedleggRegistry).prune()).toBe(1);
      expect((await db.query('SELECT 1 FROM vedlegg WHERE uuid = $1', [uuid])).rowCount).toBe(0);
    });
  });
});
