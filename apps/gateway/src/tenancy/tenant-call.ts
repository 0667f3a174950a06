import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Orgnr, routeTemplateOf } from '#core';
import type { Caller } from '#maskinporten';
import type { TenantPolicyState } from '#tenancy';

/** The tenant of a request, once its caller is authenticated, is the path's organisation and that organisation is a tenant. */
export interface EstablishedTenant {
  tenant: Orgnr;
  caller: Caller;
  state: TenantPolicyState;
}

/** The request context headers every upstream call must carry (DESIGN §4), as sent: the policy judges them. */
export interface ContextHeaders {
  legalBasis?: string;
  purpose?: string;
  caseReference?: string;
  endUser?: string;
}

/** What handling a call learns that its audit event needs, noted as it is learned. */
export interface CallFacts {
  operation?: string;
  subject?: string;
  upstreamStatus?: number;
  korrelasjonsid?: string;
  reasons?: string[];
  policyVersion?: string;
  /** What else the event must carry, never personal data (an upload's uuid, SHA-256 and size). */
  details?: Record<string, unknown>;
}

/**
 * One tenant call: everything the gateway reads from the Fastify request, read once when TenantGuard
 * establishes the tenant, and passed down from there (policy, proxy, upstream, audit). `facts`
 * collects what handling learns for the audit event.
 */
export interface TenantCall extends EstablishedTenant {
  readonly correlationId: string;
  readonly method: string;
  /** The request target as sent: the path still percent-encoded, with its query. */
  readonly url: string;
  /** The route template (`/api/v1/:orgnr/…`), never the path: paths carry personal identifiers. */
  readonly route: string;
  readonly context: ContextHeaders;
  readonly accept?: string;
  readonly idempotencyKey?: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** A stream for an upload (application/pdf), else the parsed body. */
  readonly body: unknown;
  /** The Content-Length the caller declared, if any (Node's HTTP parser has already refused a malformed one). */
  readonly declaredLength?: number;
  readonly facts: CallFacts;
}

/** One request header's value, if sent once. */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The call rides on its request (a symbol key: a WeakMap entry per request costs more, and GC work). */
const CALL = Symbol('tenantCall');
type WithCall = FastifyRequest & { [CALL]?: TenantCall };

/** Reads the call from the request (once: TenantGuard, when the tenant is established) and attaches it. */
export function startTenantCall(request: FastifyRequest, established: EstablishedTenant): TenantCall {
  const call: TenantCall = {
    ...established,
    correlationId: String(request.id),
    method: request.method,
    url: request.url,
    route: routeTemplateOf(request) ?? '',
    context: {
      legalBasis: headerOf(request, 'x-legal-basis'),
      purpose: headerOf(request, 'x-purpose'),
      caseReference: headerOf(request, 'x-case-reference'),
      endUser: headerOf(request, 'x-end-user'),
    },
    accept: headerOf(request, 'accept'),
    idempotencyKey: headerOf(request, 'idempotency-key'),
    query: (request.query ?? {}) as Record<string, unknown>,
    body: request.body,
    declaredLength:
      request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']),
    facts: {},
  };
  (request as WithCall)[CALL] = call;
  return call;
}

/** The request's call, or undefined while no tenant is established (its traffic then belongs to the security log, not to any tenant). */
export function tenantCallOf(request: FastifyRequest): TenantCall | undefined {
  return (request as WithCall)[CALL];
}

/** The TenantCall of a route behind TenantGuard. */
export const TenantCallOf = createParamDecorator((_data: unknown, context: ExecutionContext): TenantCall => {
  const found = context.switchToHttp().getRequest<WithCall>()[CALL];
  if (!found) throw new Error('TenantCallOf on a route without TenantGuard');
  return found;
});
