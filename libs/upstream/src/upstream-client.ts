import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type ApiName, DomainError, type UpstreamConfig } from '#core';
import type { Histogram } from 'prom-client';
import type { Catalogue } from './catalogue.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { HttpExchange, ResponseTooLarge } from './http-exchange.js';
import { parseUpstreamError } from './upstream-error-body.js';
import { isStreamedBody, type StreamedBody } from './upload-body.js';

export interface UpstreamRequest {
  api: ApiName;
  method: 'GET' | 'POST';
  /** Path and query below the API's base URL. */
  path: string;
  accessToken: string;
  accept: string;
  /** JSON request body (POST), or an upload streamed as it arrives (sent once: a POST is never retried). */
  body?: string | StreamedBody;
  /** The first attempt's Korrelasjonsid (later attempts get fresh ones); fresh when absent. */
  korrelasjonsid?: string;
}

export interface UpstreamResponse {
  status: number;
  contentType?: string;
  body: Buffer;
  /** The fresh Korrelasjonsid sent on the last attempt. */
  korrelasjonsid: string;
  attempts: number;
}

/** `request-body`: the caller's upload failed on its way (too large, aborted), which says nothing about the upstream. */
type AttemptOutcome =
  | { kind: 'response'; response: UpstreamResponse }
  | { kind: 'timeout' }
  | { kind: 'connection'; error: Error }
  | { kind: 'request-body'; error: Error };

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function isConnectionError(error: unknown): error is Error {
  // Not `instanceof Error`: errors from Node's internals may come from another realm (e.g. under Jest).
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERRORS.has(code);
}

/** Our own timer ended the attempt: the headers or the deadline did not come in time. */
class UpstreamTimeout extends Error {}

/**
 * Calls Skatteetaten: one keep-alive undici pool per upstream, timeouts per phase, one deadline
 * over all attempts, retries for GETs on connection errors, 503 and DAS-003 with jittered backoff,
 * a circuit breaker per upstream and a cap on the response size. Any HTTP answer is returned as
 * is; only timeouts, unreachable upstreams and oversized answers become errors here.
 */
export class UpstreamClient {
  private readonly pools = new Map<ApiName, { pool: Pool; origin: string; basePath: string }>();
  private readonly breakers = new Map<ApiName, CircuitBreaker>();

  constructor(
    catalogue: Catalogue,
    private readonly config: UpstreamConfig,
    private readonly duration?: Histogram<'api' | 'outcome'>,
  ) {
    for (const api of Object.values(catalogue)) {
      const { origin, pathname } = new URL(api.baseUrl);
      const pool = new Pool(origin, {
        connections: config.connectionsPerUpstream,
        connectTimeout: config.connectTimeoutMs,
        // Our own timer enforces the header timeout precisely; undici's is the backstop.
        headersTimeout: config.headersTimeoutMs + 1000,
        bodyTimeout: config.bodyTimeoutMs,
      });
      this.pools.set(api.name, { pool, origin, basePath: pathname.replace(/\/$/, '') });
      this.breakers.set(api.name, new CircuitBreaker({ ...config.breaker, probeTimeoutMs: config.deadlineMs }));
    }
  }

  breaker(api: ApiName): CircuitBreaker {
    const breaker = this.breakers.get(api);
    if (!breaker) throw new Error(`no breaker for ${api}`);
    return breaker;
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = Date.now() + this.config.deadlineMs;
    const breaker = this.breaker(request.api);
    const retries = request.method === 'GET' ? this.config.retries : 0;
    for (let attempt = 1; ; attempt += 1) {
      const permit = breaker.acquire();
      if (!permit) {
        throw new DomainError(
          'upstream-unavailable',
          `The ${request.api} API is failing; calls are paused for a moment`,
          {
            headers: { 'Retry-After': String(Math.max(1, Math.ceil(breaker.retryAfterMs() / 1000))) },
          },
        );
      }
      const started = process.hrtime.bigint();
      const outcome = await breaker.run(permit, () => this.attempt(request, attempt, deadline), upstreamFailed);
      this.duration?.observe(
        { api: request.api, outcome: outcome.kind === 'response' ? String(outcome.response.status) : outcome.kind },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (outcome.kind === 'request-body') throw outcome.error;

      if (outcome.kind === 'timeout') {
        throw new DomainError('upstream-timeout', `The ${request.api} API did not answer in time`);
      }
      const retryable = outcome.kind === 'connection' || isTemporarilyUnavailable(outcome.response);
      const backoff = this.config.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random());
      if (retryable && attempt <= retries && Date.now() + backoff < deadline) {
        await sleep(backoff);
        continue;
      }
      if (outcome.kind === 'connection') {
        throw new DomainError('upstream-unavailable', `The ${request.api} API could not be reached`);
      }
      return outcome.response;
    }
  }

  private async attempt(request: UpstreamRequest, attempt: number, deadline: number): Promise<AttemptOutcome> {
    const upstream = this.pools.get(request.api);
    if (!upstream) throw new Error(`no pool for ${request.api}`);
    const korrelasjonsid = attempt === 1 && request.korrelasjonsid ? request.korrelasjonsid : randomUUID();
    const streamed = isStreamedBody(request.body) ? request.body : undefined;
    // An upload takes as long as the caller takes to send it: only the deadline bounds its wait for
    // headers. One timer at a time: the headers' (when sooner) until they arrive, then the deadline's.
    const headersBy = streamed ? deadline : Math.min(deadline, Date.now() + this.config.headersTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeOutAt = (at: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => exchange.abort(new UpstreamTimeout()), Math.max(0, at - Date.now()));
    };
    const exchange = new HttpExchange(this.config.maxResponseBytes, () => {
      if (headersBy < deadline) timeOutAt(deadline);
    });
    timeOutAt(headersBy);
    try {
      upstream.pool.dispatch(
        {
          origin: upstream.origin,
          method: request.method,
          path: `${upstream.basePath}${request.path}`,
          headers: {
            authorization: `Bearer ${request.accessToken}`,
            accept: request.accept,
            korrelasjonsid: korrelasjonsid,
            ...contentHeaders(request.body),
          },
          body: streamed ? streamed.stream : (request.body as string | undefined),
        },
        exchange,
      );
      const answer = await exchange.answer;
      return { kind: 'response', response: { ...answer, korrelasjonsid, attempts: attempt } };
    } catch (error) {
      const bodyFailure = streamed?.failure();
      if (bodyFailure) return { kind: 'request-body', error: bodyFailure };
      if (error instanceof ResponseTooLarge) {
        throw new DomainError(
          'upstream-response-too-large',
          `The ${request.api} API answered with more than ${this.config.maxResponseBytes} bytes`,
        );
      }
      const code = (error as { code?: string }).code;
      if (error instanceof UpstreamTimeout || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
        return { kind: 'timeout' };
      if (isConnectionError(error)) return { kind: 'connection', error };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map(({ pool }) => pool.close()));
  }
}

/** What counts against the upstream's breaker: no answer, or a 5xx (a caller's failed upload does not). */
function upstreamFailed(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'response') return outcome.response.status >= 500;
  return outcome.kind !== 'request-body';
}

function contentHeaders(body: UpstreamRequest['body']): Record<string, string> {
  if (body === undefined) return {};
  if (!isStreamedBody(body)) return { 'content-type': 'application/json' };
  return {
    'content-type': body.contentType,
    ...(body.contentLength !== undefined ? { 'content-length': String(body.contentLength) } : {}),
  };
}

/** 503, or Skatteetaten's DAS-003 ("temporarily unavailable – retry later", sent as 500). */
function isTemporarilyUnavailable(response: UpstreamResponse): boolean {
  if (response.status === 503) return true;
  return response.status === 500 && parseUpstreamError(response.contentType, response.body).kode === 'DAS-003';
}
