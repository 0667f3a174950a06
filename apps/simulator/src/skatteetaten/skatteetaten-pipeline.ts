import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FaultRegistry } from '../common/faults.js';
import { RequestLog } from '../common/request-log.js';
import type { ApiHandler, SimAnswer } from './api-handler.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { CONTENT_TYPE, errorBody, type Format, negotiate, renderError, renderXml } from './renderer.js';
import { defaultKodeForStatus, SkatteetatenError } from './skatteetaten-api.js';
import { TokenVerifier, unverifiedClaims } from './token-verifier.js';

function flatHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * What every Skatteetaten request goes through: logged; unknown URL → 404; format → 406; token →
 * 401/403; 5 concurrent calls per API per consumer org (or client) → 429; injected fault; then the operation.
 */
@Injectable()
export class SkatteetatenPipeline {
  constructor(
    private readonly log: RequestLog,
    private readonly faults: FaultRegistry,
    private readonly verifier: TokenVerifier,
    private readonly gate: ConcurrencyGate,
  ) {}

  async handle(handler: ApiHandler, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { api } = handler;
    const path = request.url.split('?')[0];
    const entry = this.log.record({
      target: api.target,
      method: request.method,
      path: request.url,
      headers: flatHeaders(request),
      tokenClaims: unverifiedClaims(request.headers.authorization),
    });
    const format: Format = negotiate(request.headers.accept) ?? 'json';
    let release: (() => void) | undefined;
    try {
      const operation = handler.match({
        method: request.method,
        path,
        query: (request.query ?? {}) as Record<string, unknown>,
        body: request.body,
      });
      if (!operation) throw SkatteetatenError.of(api, 'unknown-url', 'Ukjent URL');
      if (!negotiate(request.headers.accept))
        throw SkatteetatenError.of(api, 'format', 'Støttede formater er application/json og application/xml');
      const caller = await this.verifier.verify(api, request.headers.authorization);
      release = this.gate.tryAcquire(api.target, caller);
      if (!release)
        throw SkatteetatenError.of(api, 'too-many-calls', 'For mange samtidige kall: maks 5 per API per organisasjon');
      const fault = this.faults.take(api.target);
      if (fault?.mode === 'reset') {
        entry.status = 0;
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      if (fault?.mode === 'latency') await sleep(fault.ms ?? 0);
      if (fault?.mode === 'status') {
        const status = fault.status ?? 503;
        throw new SkatteetatenError(status, fault.kode ?? defaultKodeForStatus(api, status), 'Simulert feil');
      }
      const answer = operation();
      if (fault?.mode === 'delay-answer') await sleep(fault.ms ?? 0);
      this.send(reply, format, answer);
    } catch (error) {
      if (!(error instanceof SkatteetatenError)) throw error;
      reply
        .code(error.status)
        .type(CONTENT_TYPE[format])
        .send(renderError(format, errorBody(error.kode, error.message)));
    } finally {
      release?.();
      entry.status ??= reply.statusCode;
    }
  }

  private send(reply: FastifyReply, format: Format, answer: SimAnswer): void {
    const body = format === 'json' ? answer.raw : renderXml(answer.xmlRoot, answer.data, answer.xmlItem);
    reply.code(answer.status).type(CONTENT_TYPE[format]).send(body);
  }
}
