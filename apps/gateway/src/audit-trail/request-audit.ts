import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuditEventInput, AuditWriter } from '../../../../libs/audit/src/index.js';
import { Orgnr, PROBLEM_CONTENT_TYPE, problemBody } from '../../../../libs/core/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';
import { MetricsRegistry } from '../../../../libs/runtime/src/index.js';
import { type ContextHeaders, contextHeadersOf } from '../tenant-api/request-context.js';

/** What the handling of a request learned that its audit event needs (the rest comes from the request and reply). */
export interface RequestFacts {
  operation?: string;
  subject?: string;
  upstreamStatus?: number;
  korrelasjonsid?: string;
  reasons?: string[];
  policyVersion?: string;
}

const TENANT_ROUTES = '/api/v1/:orgnr';
const MAX_HEADER = 200;

/** The context headers as sent (the policy may have refused them), cut to a sane length. */
function contextOf(request: FastifyRequest): ContextHeaders {
  const context = contextHeadersOf(request);
  return {
    legalBasis: context.legalBasis?.slice(0, MAX_HEADER),
    purpose: context.purpose?.slice(0, MAX_HEADER),
    caseReference: context.caseReference?.slice(0, MAX_HEADER),
    endUser: context.endUser?.slice(0, MAX_HEADER),
  };
}

/** The code and reasons of a problem+json answer. */
function problemOf(payload: unknown): { code?: string; reasons?: string[] } {
  if (typeof payload !== 'string') return {};
  try {
    const { code, reasons } = JSON.parse(payload) as { code?: unknown; reasons?: unknown };
    return {
      code: typeof code === 'string' ? code : undefined,
      reasons: Array.isArray(reasons) ? reasons.filter((reason): reason is string => typeof reason === 'string') : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * One audit event per tenant request, allowed or denied, committed before the response leaves:
 * a Fastify onSend hook waits for the group-committed write. If the audit store fails, a
 * successful answer is replaced by 503 `audit-unavailable`, so no data leaves unaudited.
 */
@Injectable()
export class RequestAudit implements OnModuleInit {
  private readonly logger = new Logger('RequestAudit');
  private readonly facts = new WeakMap<object, RequestFacts>();
  private readonly committed = new WeakSet<object>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriter,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** Adds what the handler learned to the request's event. */
  note(request: FastifyRequest, facts: RequestFacts): void {
    this.facts.set(request, { ...this.facts.get(request), ...facts });
  }

  /**
   * The request's event as it stands, for a handler that commits it in its own transaction together
   * with the change it records (a new registration and its row): `httpStatus` is the answer that
   * change stands for. Once `committed()` is called, the hook writes no second event.
   */
  eventForHandler(request: FastifyRequest, httpStatus: number): { event: AuditEventInput | undefined; committed(): void } {
    return { event: this.eventOf(request, { status: httpStatus }, undefined), committed: () => this.committed.add(request) };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request, reply, payload) => this.beforeSend(request, reply, payload));
  }

  private async beforeSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (!request.routeOptions.url?.startsWith(TENANT_ROUTES)) return payload;
    if (this.committed.has(request)) return payload; // its handler committed the event with its own change
    const event = this.eventOf(request, { status: reply.statusCode, latencyMs: reply.elapsedTime }, payload);
    if (!event) {
      // The path names no valid organisation, so there is no tenant log to write to.
      this.metrics.counter('gateway_unattributed_requests_total', 'Tenant-route requests whose path orgnr is invalid (not audited)').inc();
      return payload;
    }
    try {
      await this.writer.record(event);
      return payload;
    } catch (error) {
      this.logger.error({ reason: (error as Error).message, correlationId: request.id }, 'audit event not committed');
      if (reply.statusCode >= 400) return payload; // an error answer carries no data
      reply.code(503).removeHeader('location').removeHeader('korrelasjonsid').header('content-type', PROBLEM_CONTENT_TYPE);
      return JSON.stringify(problemBody('audit-unavailable', 'The audit log cannot record this request right now, so no data is served', String(request.id)));
    }
  }

  private eventOf(request: FastifyRequest, answer: { status: number; latencyMs?: number }, payload: unknown): AuditEventInput | undefined {
    const orgnr = (request.params as Record<string, string> | undefined)?.orgnr;
    if (!orgnr || !Orgnr.isValid(orgnr)) return undefined;
    const caller = (request as FastifyRequest & { user?: Caller }).user;
    const facts = this.facts.get(request) ?? {};
    const denied = answer.status >= 400;
    const problem = denied ? problemOf(payload) : {};
    return {
      kind: 'gateway-request',
      tenantOrgnr: orgnr,
      actor: caller
        ? { type: caller.supplierOrgnr ? 'supplier' : 'municipality', id: caller.supplierOrgnr ?? caller.consumerOrgnr }
        : { type: 'municipality', id: 'unauthenticated' },
      supplierOrgnr: caller?.supplierOrgnr,
      ...contextOf(request),
      operation: facts.operation ?? `${request.method} ${request.routeOptions.url}`,
      decision: denied ? 'deny' : 'allow',
      reasonCode: denied ? (problem.code ?? `http-${answer.status}`) : undefined,
      reasons: problem.reasons ?? facts.reasons,
      policyVersion: facts.policyVersion,
      subject: facts.subject,
      httpStatus: answer.status,
      upstreamStatus: facts.upstreamStatus,
      korrelasjonsid: facts.korrelasjonsid,
      correlationId: String(request.id),
      bytes: typeof payload === 'string' || Buffer.isBuffer(payload) ? Buffer.byteLength(payload) : undefined,
      latencyMs: answer.latencyMs === undefined ? undefined : Math.round(answer.latencyMs),
    };
  }
}
