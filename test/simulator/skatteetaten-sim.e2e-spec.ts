import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { pdfDocument, withDocument } from '../support/vedlegg.js';
import { eventually } from '../support/eventually.js';

const FIXTURES = new URL('../../apps/simulator/fixtures/skatteetaten/', import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, FIXTURES), 'utf8');

const KOMMUNE = '974760673';
const OTHER_KOMMUNE = '889640782';
const INNTEKT = '/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-12';
const SUMMERT_2025 = '/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2025/13819699571';
const OPPSLAG = '/utleggstrekk/v1/oppslag/samordnettrekk';
const BESLUTNINGER = '/utleggstrekk/v1/beslutninger';
const VEDLEGG = '/utleggstrekk/v1/vedlegg';

describe('Skatteetaten simulator', () => {
  let sim: SimulatorHandle;
  const tokens: Record<string, string> = {};

  async function token(scope: string, consumerOrg = KOMMUNE): Promise<string> {
    const key = `${consumerOrg}|${scope}`;
    tokens[key] ??= await sim.control.mintToken({ consumerOrg, scope });
    return tokens[key];
  }

  async function call(
    path: string,
    options: {
      scope?: string;
      accept?: string;
      method?: string;
      body?: unknown;
      org?: string;
      auth?: string | null;
    } = {},
  ): Promise<{ status: number; text: string; json: () => Record<string, unknown>; contentType: string | null }> {
    const scope =
      options.scope ??
      (path.startsWith('/inntekt')
        ? 'skatteetaten:inntekt'
        : path.startsWith('/summert')
          ? 'skatteetaten:summertskattegrunnlag'
          : 'skatteetaten:utleggstrekkbeslutningkommune');
    const headers: Record<string, string> = { korrelasjonsid: randomUUID() };
    if (options.auth !== null) headers.authorization = options.auth ?? `Bearer ${await token(scope, options.org)}`;
    if (options.accept) headers.accept = options.accept;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${sim.url}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: () => JSON.parse(text) as Record<string, unknown>,
      contentType: response.headers.get('content-type'),
    };
  }

  async function expectError(
    path: string,
    status: number,
    kode: string,
    options: Parameters<typeof call>[1] = {},
  ): Promise<Record<string, unknown>> {
    const response = await call(path, options);
    expect({ status: response.status, kode: response.json().kode }).toEqual({ status, kode });
    expect(response.json().korrelasjonsid).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof response.json().melding).toBe('string');
    return response.json();
  }

  beforeAll(async () => {
    sim = await startSimulator();
  });

  afterAll(async () => {
    await sim?.close();
  });

  beforeEach(async () => {
    await sim.control.clearFaults();
  });

  describe('Inntekt API', () => {
    it('answers the fixture bytes in JSON and renders XML on request', async () => {
      const json = await call(INNTEKT);
      expect(json.status).toBe(200);
      expect(json.contentType).toContain('application/json');
      expect(json.text).toBe(fixture('inntekt/01029413157.json'));

      const xml = await call(INNTEKT, { accept: 'application/xml' });
      expect(xml.status).toBe(200);
      expect(xml.contentType).toContain('application/xml');
      expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><inntekter><oppgaveInntektsmottaker>/);
      expect(xml.text).toContain('<kalendermaaned>2018-07</kalendermaaned>');
    });

    it('answers each documented error code with Skatteetaten’s body', async () => {
      expect((await expectError('/inntekt/v1/sbl/01029413157/inntekter?fraOgMed=2018-07', 400, 'IM-006')).melding).toBe(
        'rettighetspakke er ugyldig',
      );
      await expectError('/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-13', 400, 'IM-006');
      await expectError('/inntekt/v1/saernamsmann/01029413157/inntekter', 400, 'IM-006');
      await expectError(
        '/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-08&tilOgMed=2018-07',
        400,
        'IM-006',
      );
      await expectError('/inntekt/v1/saernamsmann/01010112345/inntekter?fraOgMed=2018-07', 404, 'IM-007');
      await expectError(
        '/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2019-01&tilOgMed=2019-12',
        404,
        'IM-008',
      );
      await expectError('/inntekt/v1/saernamsmann/13819699571/inntekter?fraOgMed=2018-07', 404, 'IM-008');
      await expectError('/inntekt/v1/saernamsmann/01029413157/oppgave', 404, 'IM-003');
      await expectError(INNTEKT, 406, 'IM-009', { accept: 'text/html' });
      await expectError(INNTEKT, 401, 'IM-004', { auth: null });
      await expectError(INNTEKT, 401, 'IM-004', { auth: 'Bearer not-a-token' });
      await expectError(INNTEKT, 403, 'IM-005', { scope: 'skatteetaten:summertskattegrunnlag' });
    });

    it('renders errors as <feil> in XML', async () => {
      const response = await call('/inntekt/v1/saernamsmann/01010112345/inntekter?fraOgMed=2018-07', {
        accept: 'application/xml',
      });
      expect(response.status).toBe(404);
      expect(response.text).toMatch(
        /<feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1"><kode>IM-007<\/kode><melding>[^<]+<\/melding><korrelasjonsid>[0-9a-f-]{36}<\/korrelasjonsid><\/feil>$/,
      );
    });
  });

  describe('Summert skattegrunnlag API', () => {
    it('answers the 2025 and 2021 fixtures byte for byte, and XML', async () => {
      expect((await call(SUMMERT_2025)).text).toBe(fixture('summertskattegrunnlag/13819699571-2025.json'));
      const spesifisert = await call('/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2021/30921548296', {
        scope: 'skatteetaten:spesifisertsummertskattegrunnlag',
      });
      expect(spesifisert.status).toBe(200);
      expect(spesifisert.text).toBe(fixture('summertskattegrunnlag/30921548296-2021.json'));
      const xml = await call(SUMMERT_2025, { accept: 'application/xml' });
      expect(xml.status).toBe(200);
      expect(xml.text).toContain(
        '<skattegrunnlag><personidentifikator>13819699571</personidentifikator><inntektsaar>2025</inntektsaar><grunnlag>',
      );
    });

    it('answers a skjermet person with a reduced payload', async () => {
      const response = await call('/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2025/24887198515');
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ skjermet: true, grunnlag: [] });
      const inntekt = await call('/inntekt/v1/saernamsmann/24887198515/inntekter?fraOgMed=2025-01');
      expect(inntekt.json()).toEqual({
        oppgaveInntektsmottaker: [expect.objectContaining({ skjermet: true, inntekt: [] })],
      });
    });

    it('answers each documented error code', async () => {
      await expectError('/summertskattegrunnlag/v2/utkast/saernamsmann/2025/13819699571', 400, 'SSG-006');
      await expectError('/summertskattegrunnlag/v2/foo/saernamsmann/2025/13819699571', 400, 'SSG-006');
      expect(
        (await expectError('/summertskattegrunnlag/v2/oppgjoer/husbankenbostoette/2025/13819699571', 400, 'SSG-006'))
          .melding,
      ).toBe('rettighetspakke er ugyldig');
      expect(
        (await expectError('/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2016/13819699571', 400, 'SSG-006')).melding,
      ).toBe('Oppgitt inntektsår er ikke støttet.');
      await expectError('/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2025/01010112345', 404, 'SSG-007');
      await expectError('/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2024/13819699571', 404, 'SSG-008');
      await expectError('/summertskattegrunnlag/v1/oppgjoer/saernamsmann/2025/13819699571', 404, 'SSG-003');
      await expectError(SUMMERT_2025, 406, 'SSG-009', { accept: 'application/pdf' });
      await expectError(SUMMERT_2025, 401, 'SSG-004', { auth: null });
      await expectError(SUMMERT_2025, 403, 'SSG-005', { scope: 'skatteetaten:inntekt' });
    });
  });

  describe('Utleggstrekk fra kommune', () => {
    it('answers oppslag samordnet trekk for the queried party, in JSON and XML', async () => {
      const body = { skyldner: { landkodeIdentifikator: 'NO', taxIdentificationNumber: '312597772' } };
      const json = await call(OPPSLAG, { body });
      expect(json.status).toBe(200);
      expect(json.text).toBe(fixture('utleggstrekk/312597772.json'));
      const person = await call(OPPSLAG, {
        body: { skyldner: { landkodeIdentifikator: 'NO', taxIdentificationNumber: '44926701751' } },
      });
      expect(person.json()).toEqual({
        skyldner: { landkodeIdentifikator: 'NO', taxIdentificationNumber: '44926701751' },
        harSamordnetTrekk: false,
      });
      const xml = await call(OPPSLAG, { body, accept: 'application/xml' });
      expect(xml.text).toContain(
        '<samordnetTrekk><skyldner><landkodeIdentifikator>NO</landkodeIdentifikator><taxIdentificationNumber>312597772</taxIdentificationNumber></skyldner><harSamordnetTrekk>true</harSamordnetTrekk></samordnetTrekk>',
      );
      await expectError(OPPSLAG, 400, 'SIM-400', { body: { skyldner: {} } });
    });

    const upload = async (content: Buffer, contentType = 'application/pdf') =>
      fetch(`${sim.url}${VEDLEGG}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await token('skatteetaten:utleggstrekkbeslutningkommune')}`,
          'content-type': contentType,
          accept: 'application/json',
        },
        body: new Uint8Array(content),
      });

    it('accepts a PDF upload with a fresh uuid, remembering its size and SHA-256, and refuses anything else', async () => {
      const content = pdfDocument(4096);
      const response = await upload(content);
      expect(response.status).toBe(201);
      const { uuid } = (await response.json()) as { uuid: string };
      expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
      const { vedlegg } = (await sim.control.call('GET', '/_sim/vedlegg')) as {
        vedlegg: Array<{ uuid: string; bytes: number; sha256: string }>;
      };
      expect(vedlegg).toContainEqual(
        expect.objectContaining({
          uuid,
          bytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
        }),
      );
      const notPdf = await upload(Buffer.from('GIF89a not a pdf'));
      expect({ status: notPdf.status, kode: ((await notPdf.json()) as { kode: string }).kode }).toEqual({
        status: 400,
        kode: 'SIM-400',
      });
    });

    it('refuses a beslutning whose vedlegg uuid it never issued (VEDLEGG_SKAL_HA_UUID)', async () => {
      const example = JSON.parse(fixture('examples/beslutning-om-trekk-fra-kommune-v1.json')) as object;
      const refused = await call(BESLUTNINGER, {
        body: { ...withDocument(example, randomUUID()), innsenderReferanse: `ref-${randomUUID()}` },
      });
      expect(refused.status).toBe(422);
      expect(refused.json()).toEqual([expect.objectContaining({ vilkaarnavn: 'VEDLEGG_SKAL_HA_UUID' })]);
    });

    it('registers a beslutning once and refuses a duplicate innsenderReferanse with 422', async () => {
      await sim.control.call('DELETE', '/_sim/beslutninger');
      const { uuid } = (await (await upload(pdfDocument())).json()) as { uuid: string };
      const example = withDocument(
        JSON.parse(fixture('examples/beslutning-om-trekk-fra-kommune-v1.json')) as object,
        uuid,
      );
      const body = { ...example, innsenderReferanse: `ref-${randomUUID()}` };
      const created = await call(BESLUTNINGER, { body });
      expect(created.status).toBe(201);
      expect(created.json()).toEqual({ id: expect.any(String), status: 'mottatt', korrelasjonsid: expect.any(String) });
      const duplicate = await call(BESLUTNINGER, { body });
      expect(duplicate.status).toBe(422);
      expect(duplicate.json()).toEqual([expect.objectContaining({ vilkaarnavn: 'DUPLIKAT_INNSENDING' })]);
      await expectError(BESLUTNINGER, 400, 'SIM-400', { body: { noe: 'annet' } });
      const registered = (await sim.control.call('GET', '/_sim/beslutninger')) as { count: number };
      expect(registered.count).toBe(1);
    });

    it('answers the DAS codes for unknown URLs and access', async () => {
      const body = { skyldner: { taxIdentificationNumber: '312597772' } };
      await expectError('/utleggstrekk/v1/ukjent', 404, 'DAS-002', { body });
      await expectError(OPPSLAG, 401, 'DAS-004', { body, auth: null });
      await expectError(OPPSLAG, 403, 'DAS-008', { body, scope: 'skatteetaten:inntekt' });
    });
  });

  describe('the 5-concurrent-calls rule', () => {
    /**
     * Until `count` calls are logged at the simulator, plus a moment: each is logged on arrival and
     * takes its permit only after its token verifies, which the control API does not show. This is
     * the one fixed pause left in the suites (a permit count in /_sim would let it go).
     */
    const heldAtSimulator = async (count: number) => {
      await eventually(async () => (await sim.control.requests('inntekt')).length >= count, { interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    };

    it('refuses a sixth concurrent call of one organisation with 429, not another organisation’s', async () => {
      await token('skatteetaten:inntekt');
      await token('skatteetaten:inntekt', OTHER_KOMMUNE);
      expect((await call(INNTEKT)).status).toBe(200); // the JWKS is fetched: held calls take their permits at once
      await sim.control.clearRequests();
      await sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 1500, count: 5 });
      const held = Array.from({ length: 5 }, () => call(INNTEKT));
      await heldAtSimulator(5);
      const sixth = await call(INNTEKT);
      expect({ status: sixth.status, kode: sixth.json().kode }).toEqual({ status: 429, kode: 'SIM-429' });
      expect((await call(INNTEKT, { org: OTHER_KOMMUNE })).status).toBe(200);
      expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect((await call(INNTEKT)).status).toBe(200);
    });

    it('counts per Maskinporten client when told to: then another organisation’s sixth call is refused too', async () => {
      // The platform's one client calls for both municipalities.
      const platformToken = async (consumerOrg: string) =>
        `Bearer ${await sim.control.mintToken({ consumerOrg, scope: 'skatteetaten:inntekt', claims: { client_id: 'platform-client' } })}`;
      const [ours, theirs] = [await platformToken(KOMMUNE), await platformToken(OTHER_KOMMUNE)];
      await sim.control.setConcurrencyScope('inntekt', 'client');
      await sim.control.clearRequests();
      await sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 1500, count: 5 });
      const held = Array.from({ length: 5 }, () => call(INNTEKT, { auth: ours }));
      try {
        await heldAtSimulator(5);
        const other = await call(INNTEKT, { auth: theirs });
        expect({ status: other.status, kode: other.json().kode }).toEqual({ status: 429, kode: 'SIM-429' });
        expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
        expect((await call(INNTEKT, { auth: theirs })).status).toBe(200);
      } finally {
        await Promise.allSettled(held);
        await sim.control.setConcurrencyScope('inntekt', 'consumer');
      }
    });
  });

  describe('faults', () => {
    it('answers a status fault with its kode for count requests, then normally', async () => {
      await sim.control.addFault({
        target: 'summertskattegrunnlag',
        mode: 'status',
        status: 503,
        kode: 'DAS-003',
        count: 2,
      });
      await expectError(SUMMERT_2025, 503, 'DAS-003');
      const xml = await call(SUMMERT_2025, { accept: 'application/xml' });
      expect({ status: xml.status, kode: /<kode>([^<]+)<\/kode>/.exec(xml.text)?.[1] }).toEqual({
        status: 503,
        kode: 'DAS-003',
      });
      expect((await call(SUMMERT_2025)).status).toBe(200);
      await sim.control.addFault({ target: 'inntekt', mode: 'status', status: 500, count: 1 });
      await expectError(INNTEKT, 500, 'DAS-003');
      expect((await call(INNTEKT)).status).toBe(200);
    });

    it('delays a latency fault and resets the connection for a reset fault', async () => {
      await sim.control.addFault({ target: 'utleggstrekk', mode: 'latency', ms: 300, count: 1 });
      const started = Date.now();
      expect((await call(OPPSLAG, { body: { skyldner: { taxIdentificationNumber: '312597772' } } })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);

      await sim.control.addFault({ target: 'inntekt', mode: 'reset', count: 1 });
      await expect(call(INNTEKT)).rejects.toThrow();
      expect((await call(INNTEKT)).status).toBe(200);
    });

    it('lists, clears and validates faults', async () => {
      await sim.control.addFault({ target: 'inntekt', mode: 'latency', ms: 10 });
      expect(await sim.control.call('GET', '/_sim/faults')).toEqual([{ target: 'inntekt', mode: 'latency', ms: 10 }]);
      await sim.control.clearFaults();
      expect(await sim.control.call('GET', '/_sim/faults')).toEqual([]);
      for (const bad of [
        { target: 'inntekt', mode: 'slow' },
        { target: 'nowhere', mode: 'reset' },
        { target: 'inntekt', mode: 'latency' },
        { target: 'inntekt', mode: 'status' },
        { target: 'inntekt', mode: 'latency', ms: -1 },
      ]) {
        await expect(sim.control.addFault(bad as never)).rejects.toThrow(/answered 400/);
      }
    });
  });

  it('/_sim/requests shows the Korrelasjonsid header and the token’s consumer', async () => {
    await sim.control.clearRequests();
    const korrelasjonsid = randomUUID();
    await fetch(`${sim.url}${INNTEKT}`, {
      headers: { authorization: `Bearer ${await token('skatteetaten:inntekt')}`, korrelasjonsid },
    });
    const logged = await sim.control.requests('inntekt');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      target: 'inntekt',
      method: 'GET',
      path: INNTEKT,
      status: 200,
      headers: expect.objectContaining({ korrelasjonsid }),
    });
    expect((logged[0].tokenClaims as { consumer: unknown }).consumer).toEqual({
      authority: 'iso6523-actorid-upis',
      ID: `0192:${KOMMUNE}`,
    });
    expect(await sim.control.requests('summertskattegrunnlag')).toEqual([]);
    await expect(sim.control.requests('nowhere')).rejects.toThrow(/answered 400/);
  });
});
