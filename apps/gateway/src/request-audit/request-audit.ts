import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuditEventInput, AuditWriter } from '#audit';
import { answeredProblem, PROBLEM_CONTENT_TYPE, type ProblemBody, problemBody, routeTemplateOf } from '#core';
import { ALLOWED_PURPOSE, findLegalBasis, isValidCaseReference, isValidEndUser } from '#policy';
import { RefusedTraffic } from '../security/refused-traffic.js';
import { type CallFacts, type ContextHeaders, type TenantCall, tenantCallOf } from '../tenancy/tenant-call.js';

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
function auditedContext(context: ContextHeaders): ContextHeaders {
  return {
    legalBasis: acceptable(context.legalBasis, (value) => findLegalBasis(value) !== undefined),
    purpose: acceptable(context.purpose, (value) => value === ALLOWED_PURPOSE),
    caseReference: acceptable(context.caseReference, isValidCaseReference),
    endUser: acceptable(context.endUser, isValidEndUser),
  };
}

/** The reasons a problem carries (policy refusals have them). */
function reasonsOf(problem: ProblemBody | undefined): string[] | undefined {
  const reasons = problem?.reasons;
  return Array.isArray(reasons) ? reasons.filter((reason): reason is string => typeof reason === 'string') : undefined;
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
  private readonly committed = new WeakSet<TenantCall>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriter,
    private readonly refused: RefusedTraffic,
  ) {}

  /** Adds what the handler learned to the call's event. */
  note(call: TenantCall, facts: CallFacts): void {
    Object.assign(call.facts, facts);
  }

  /**
   * The call's event as it stands, for a handler that commits it in its own transaction together
   * with the change it records (a new registration and its row): `httpStatus` is the answer that
   * change stands for. Once `committed()` is called, the hook writes no second event.
   */
  eventForHandler(call: TenantCall, httpStatus: number): { event: AuditEventInput; committed(): void } {
    return {
      event: this.eventOf(call, { status: httpStatus }, undefined, undefined),
      committed: () => this.committed.add(call),
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request, reply, payload) => this.beforeSend(request, reply, payload));
  }

  private async beforeSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (!routeTemplateOf(request)?.startsWith(TENANT_ROUTES)) return payload;
    const call = tenantCallOf(request);
    if (!call) {
      this.refused.record(request.ip, reply.statusCode, answeredProblem(request)?.code);
      return payload;
    }
    if (this.committed.has(call)) return payload; // its handler committed the event with its own change
    const problem = reply.statusCode >= 400 ? answeredProblem(request) : undefined;
    const event = this.eventOf(call, { status: reply.statusCode, latencyMs: reply.elapsedTime }, problem, payload);
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
    call: TenantCall,
    answer: { status: number; latencyMs?: number },
    problem: ProblemBody | undefined,
    payload: unknown,
  ): AuditEventInput {
    const { tenant, caller, facts } = call;
    const denied = answer.status >= 400;
    return {
      kind: 'gateway-request',
      tenantOrgnr: tenant.value,
      actor: {
        type: caller.supplierOrgnr ? 'supplier' : 'municipality',
        id: caller.supplierOrgnr ?? caller.consumerOrgnr,
      },
      supplierOrgnr: caller.supplierOrgnr,
      ...auditedContext(call.context),
      operation: facts.operation ?? `${call.method} ${call.route}`,
      decision: denied ? 'deny' : 'allow',
      reasonCode: denied ? (problem?.code ?? `http-${answer.status}`) : undefined,
      reasons: reasonsOf(problem) ?? facts.reasons,
      policyVersion: facts.policyVersion,
      subject: facts.subject,
      httpStatus: answer.status,
      upstreamStatus: facts.upstreamStatus,
      korrelasjonsid: facts.korrelasjonsid,
      correlationId: call.correlationId,
      bytes: typeof payload === 'string' || Buffer.isBuffer(payload) ? Buffer.byteLength(payload) : undefined,
      latencyMs: answer.latencyMs === undefined ? undefined : Math.round(answer.latencyMs),
      details: facts.details,
    };
  }
}
