import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuditEventInput, AuditWriter } from '#audit';
import { PROBLEM_CONTENT_TYPE, problemBody } from '#core';
import { ALLOWED_PURPOSE, findLegalBasis, isValidCaseReference, isValidEndUser } from '#policy';
import { RefusedTraffic } from '../security/refused-traffic.js';
import { type EstablishedTenant, establishedTenantOf } from '../tenancy/tenant-guard.js';
import { type ContextHeaders, contextHeadersOf } from '../tenant-api/request-context.js';

/** What the handling of a request learned that its audit event needs (the rest comes from the request and reply). */
export interface RequestFacts {
  operation?: string;
  subject?: string;
  upstreamStatus?: number;
  korrelasjonsid?: string;
  reasons?: string[];
  policyVersion?: string;
  /** What else the event must carry, never personal data (an upload's uuid, SHA-256 and size). */
  details?: Record<string, unknown>;
}

const TENANT_ROUTES = '/api/v1/:orgnr';
/** Stored instead of a context header the policy would refuse: a refused value may be anything, a personidentifikator included. */
export const INVALID_HEADER_MARKER = '(invalid value withheld)';

/** A header's value as sent, if the policy would accept it; the marker if not; nothing if absent. */
function acceptable(value: string | undefined, valid: (trimmed: string) => boolean): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return valid(trimmed) ? trimmed : INVALID_HEADER_MARKER;
}

/** The context headers for the audit event: each one only if it is valid on its own. */
function contextOf(request: FastifyRequest): ContextHeaders {
  const context = contextHeadersOf(request);
  return {
    legalBasis: acceptable(context.legalBasis, (value) => findLegalBasis(value) !== undefined),
    purpose: acceptable(context.purpose, (value) => value === ALLOWED_PURPOSE),
    caseReference: acceptable(context.caseReference, isValidCaseReference),
    endUser: acceptable(context.endUser, isValidEndUser),
  };
}

/** The code and reasons of a problem+json answer. */
function problemOf(payload: unknown): { code?: string; reasons?: string[] } {
  if (typeof payload !== 'string') return {};
  try {
    const { code, reasons } = JSON.parse(payload) as { code?: unknown; reasons?: unknown };
    return {
      code: typeof code === 'string' ? code : undefined,
      reasons: Array.isArray(reasons)
        ? reasons.filter((reason): reason is string => typeof reason === 'string')
        : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * One audit event per tenant request, allowed or denied, committed before the response leaves:
 * a Fastify onSend hook waits for the group-committed write. If the audit store fails, a
 * successful answer is replaced by 503 `audit-unavailable`, so no data leaves unaudited.
 * Only requests whose tenant TenantGuard established go to that tenant's log; everything refused
 * before (no token, another organisation's path, no such tenant, refused traffic) goes to the
 * platform's security log instead.
 */
@Injectable()
export class RequestAudit implements OnModuleInit {
  private readonly logger = new Logger('RequestAudit');
  private readonly facts = new WeakMap<object, RequestFacts>();
  private readonly committed = new WeakSet<object>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriter,
    private readonly refused: RefusedTraffic,
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
  eventForHandler(
    request: FastifyRequest,
    httpStatus: number,
  ): { event: AuditEventInput | undefined; committed(): void } {
    const established = establishedTenantOf(request);
    return {
      event: established && this.eventOf(established, request, { status: httpStatus }, undefined),
      committed: () => this.committed.add(request),
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request, reply, payload) => this.beforeSend(request, reply, payload));
  }

  private async beforeSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (!request.routeOptions.url?.startsWith(TENANT_ROUTES)) return payload;
    if (this.committed.has(request)) return payload; // its handler committed the event with its own change
    const established = establishedTenantOf(request);
    if (!established) {
      this.refused.record(request.ip, reply.statusCode, problemOf(payload).code);
      return payload;
    }
    const event = this.eventOf(
      established,
      request,
      { status: reply.statusCode, latencyMs: reply.elapsedTime },
      payload,
    );
    try {
      await this.writer.record(event);
      return payload;
    } catch (error) {
      this.logger.error({ reason: (error as Error).message, correlationId: request.id }, 'audit event not committed');
      if (reply.statusCode >= 400) return payload; // an error answer carries no data
      reply
        .code(503)
        .removeHeader('location')
        .removeHeader('korrelasjonsid')
        .header('content-type', PROBLEM_CONTENT_TYPE);
      return JSON.stringify(
        problemBody(
          'audit-unavailable',
          'The audit log cannot record this request right now, so no data is served',
          String(request.id),
        ),
      );
    }
  }

  private eventOf(
    { tenant, caller }: EstablishedTenant,
    request: FastifyRequest,
    answer: { status: number; latencyMs?: number },
    payload: unknown,
  ): AuditEventInput {
    const facts = this.facts.get(request) ?? {};
    const denied = answer.status >= 400;
    const problem = denied ? problemOf(payload) : {};
    return {
      kind: 'gateway-request',
      tenantOrgnr: tenant.value,
      actor: {
        type: caller.supplierOrgnr ? 'supplier' : 'municipality',
        id: caller.supplierOrgnr ?? caller.consumerOrgnr,
      },
      supplierOrgnr: caller.supplierOrgnr,
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
      details: facts.details,
    };
  }
}
