import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '#gateway';
import { createWorkerApp } from '#worker';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { uploadDecisionDocument, withDocument } from '../support/vedlegg.js';
import { eventually } from '../support/eventually.js';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from './support.js';
import { skatteetatenExample } from '../support/platform.js';

const KOMMUNE = '974760673';
const OTHER_KOMMUNE = '964338531';

interface RegistrationStatus {
  id: string;
  status: string;
  attempts: number;
  response?: { status: number; body: string | null };
}

describe('registrations (innsending av beslutning): durable and idempotent', () => {
  let sim: SimulatorHandle;
  let context: TestContext;
  let gateway: NestFastifyApplication;
  let worker: NestFastifyApplication | undefined;
  let url: string;
  let token: string;
  let example: Record<string, unknown>;
  let cleanup: () => Promise<void>;

  // The caller's own reference differs per body; the gateway replaces it with the registration's id.
  const beslutning = () => ({ ...example, innsenderReferanse: randomUUID() });
  const register = (body: unknown, key: string | null = randomUUID()) =>
    fetch(`${url}${PATHS.beslutning(KOMMUNE)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...CONTEXT_HEADERS,
        ...(key === null ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
  const status = async (location: string, bearer = token) =>
    fetch(`${url}${location}`, { headers: { authorization: `Bearer ${bearer}` } });
  /** Beslutninger the simulator accepted for a registration: the gateway sends its id as the reference. */
  const received = async (registrationId: string) => {
    const { beslutninger } = (await sim.control.call('GET', '/_sim/beslutninger')) as {
      beslutninger: Array<{ innsenderReferanse?: string }>;
    };
    return beslutninger.filter((entry) => entry.innsenderReferanse === registrationId).length;
  };
  const settled = (location: string): Promise<RegistrationStatus> =>
    eventually(
      async () => {
        const body = (await (await status(location)).json()) as RegistrationStatus;
        return !['accepted', 'sending'].includes(body.status) && body;
      },
      { interval: 100 },
    );
  const startWorker = async () => {
    worker = await createWorkerApp(context.config);
    await worker.init();
  };

  beforeAll(async () => {
    example = await skatteetatenExample('beslutning-om-trekk-fra-kommune-v1.json');
    sim = await startSimulator();
    const platform = await connectPlatform(sim, 'registration-test', [KOMMUNE, OTHER_KOMMUNE]);
    cleanup = platform.cleanup;
    context = await createTestContext({
      ...platform.env,
      REGISTRATION_WAIT_MS: '1000',
      REGISTRATION_BACKOFF_MS: '100',
      REGISTRATION_ATTEMPTS: '8',
    });
    for (const orgnr of [KOMMUNE, OTHER_KOMMUNE]) await seedActiveTenant(context.config.database.url, orgnr);
    gateway = await createGatewayApp(context.config);
    url = await listen(gateway);
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

  it('accepts a registration while no worker runs (202 + status URL) and sends it once a worker starts', async () => {
    const response = await register(beslutning());
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { id: string; status: string; statusUrl: string };
    expect(accepted).toMatchObject({
      status: 'accepted',
      statusUrl: `/api/v1/${KOMMUNE}/utleggstrekk/beslutninger/${accepted.id}`,
    });
    expect(response.headers.get('location')).toBe(accepted.statusUrl);
    expect(await received(accepted.id)).toBe(0);

    await startWorker();
    const final = await settled(accepted.statusUrl);
    expect(final).toMatchObject({ status: 'completed', response: { status: 201 } });
    expect(await received(accepted.id)).toBe(1);
  });

  it('answers with the final outcome when it comes within the short wait, and replays it for the same key', async () => {
    const body = beslutning();
    const key = randomUUID();
    const first = await register(body, key);
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { id: string; status: string };
    expect(receipt.status).toBe('mottatt');
    expect(first.headers.get('korrelasjonsid')).toBeTruthy();
    const registrationId = first.headers.get('registration-id')!;

    const again = await register(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);
    expect(await received(registrationId)).toBe(1);
  });

  it('completes a registration sent while the upstream is down once it is back, exactly once', async () => {
    await sim.control.addFault({ target: 'utleggstrekk', mode: 'status', status: 503, count: 4 });
    const body = beslutning();
    const key = randomUUID();
    const response = await register(body, key);
    expect(response.status).toBe(202);
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };

    const final = await settled(statusUrl);
    expect(final.status).toBe('completed');
    expect(final.attempts).toBe(5);
    expect(await received(id)).toBe(1);

    const repeated = await register(body, key);
    expect(repeated.status).toBe(201);
    expect(await received(id)).toBe(1);
  });

  it('refuses the same key with another body (422) and registers nothing', async () => {
    const key = randomUUID();
    expect((await register(beslutning(), key)).status).toBe(201);
    const reused = await register(beslutning(), key);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('idempotency-key-reused');
  });

  it('keeps an upstream rejection as the final answer and never retries it', async () => {
    // The gateway refuses a body that does not match its model itself, so the rejection comes from Skatteetaten's side.
    await sim.control.addFault({ target: 'utleggstrekk', mode: 'status', status: 400, kode: 'SIM-400', count: 1 });
    const response = await register(beslutning());
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; registrationId: string; upstream: { kode: string } };
    expect(problem).toMatchObject({ code: 'upstream-rejected', upstream: { kode: 'SIM-400' } });
    const final = (await (
      await status(`/api/v1/${KOMMUNE}/utleggstrekk/beslutninger/${problem.registrationId}`)
    ).json()) as RegistrationStatus;
    expect(final).toMatchObject({ status: 'rejected', attempts: 1, response: { status: 400 } });
  });

  it.each([
    [null, 'idempotency-key-missing'],
    ['', 'idempotency-key-missing'],
    ['has spaces', 'idempotency-key-invalid'],
    ['x'.repeat(201), 'idempotency-key-invalid'],
  ])('refuses Idempotency-Key %p with 400 %s before anything is stored or sent', async (key, code) => {
    await sim.control.clearRequests();
    const response = await register(beslutning(), key);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe(code);
    expect(await sim.control.requests('utleggstrekk')).toEqual([]);
  });

  it("never shows one municipality's registration to another", async () => {
    const response = await register(beslutning());
    const { id } = (await response.json()) as { id: string };
    const other = await sim.control.mintToken({ consumerOrg: OTHER_KOMMUNE, scope: PLATFORM_SCOPE });
    const viaOwnPath = await status(`/api/v1/${OTHER_KOMMUNE}/utleggstrekk/beslutninger/${id}`, other);
    expect(viaOwnPath.status).toBe(404);
    expect(((await viaOwnPath.json()) as { code: string }).code).toBe('registration-not-found');
    const viaTheirs = await status(`/api/v1/${KOMMUNE}/utleggstrekk/beslutninger/${id}`, other);
    expect(viaTheirs.status).toBe(403);
    expect(((await viaTheirs.json()) as { code: string }).code).toBe('tenant-mismatch');
  });

  it.each([['-'.repeat(36)], ['not-a-uuid'], ['00000000-0000-4000-8000-000000000000']])(
    'answers 404 registration-not-found for the id %s',
    async (id) => {
      const response = await status(`/api/v1/${KOMMUNE}/utleggstrekk/beslutninger/${id}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('registration-not-found');
    },
  );
});
