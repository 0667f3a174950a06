import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadUpstream, EnvReader, DomainError } from '#core';
import { buildCatalogue } from './catalogue.js';
import { UpstreamClient } from './upstream-client.js';

/** A stand-in upstream whose answer each test sets. */
let answer: (url: string) => { status: number; body: string; contentType?: string } = () => ({
  status: 200,
  body: '{}',
});
let server: Server;
let client: UpstreamClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    const { status, body, contentType } = answer(request.url ?? '');
    response.writeHead(status, { 'content-type': contentType ?? 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const read = new EnvReader({
    UPSTREAM_INNTEKT_URL: `${base}/inntekt`,
    UPSTREAM_MAX_RESPONSE_BYTES: '2048',
    UPSTREAM_RETRIES: '0',
  });
  const config = loadUpstream(read, base);
  client = new UpstreamClient(buildCatalogue(config), config);
});

afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

const send = () =>
  client.send({ api: 'inntekt', method: 'GET', path: '/v1/x', accessToken: 't', accept: 'application/json' });

describe('UpstreamClient', () => {
  it("keeps the base URL's path and returns any HTTP answer as it is", async () => {
    let seen = '';
    answer = (url) => ((seen = url), { status: 404, body: '{"kode":"IM-007"}' });
    const response = await send();
    expect(seen).toBe('/inntekt/v1/x');
    expect(response).toMatchObject({ status: 404, attempts: 1 });
    expect(response.body.toString()).toBe('{"kode":"IM-007"}');
  });

  it('refuses an answer over the size cap', async () => {
    answer = () => ({ status: 200, body: 'x'.repeat(4096) });
    await expect(send()).rejects.toMatchObject({ code: 'upstream-response-too-large' });
  });

  it('answers upstream-unavailable when nothing listens', async () => {
    const read = new EnvReader({ UPSTREAM_INNTEKT_URL: 'http://127.0.0.1:1/inntekt', UPSTREAM_RETRIES: '0' });
    const config = loadUpstream(read, 'http://127.0.0.1:1');
    const unreachable = new UpstreamClient(buildCatalogue(config), config);
    const error = await unreachable
      .send({ api: 'inntekt', method: 'GET', path: '/v1/x', accessToken: 't', accept: 'application/json' })
      .catch((caught: unknown) => caught);
    await unreachable.close();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('upstream-unavailable');
  });
});
