import type { FastifyRequest } from 'fastify';
import { DomainError } from '#core';
import { expandPath, type MatchedOperation } from '#upstream';

/** The path and query to send upstream: the catalogue's template expanded, and only the query parameters the operation names. */
export function upstreamPathOf(matched: MatchedOperation, request: FastifyRequest): string {
  const { operation } = matched;
  const given = (request.query ?? {}) as Record<string, unknown>;
  const known = [...operation.requiredQuery, ...operation.optionalQuery];
  for (const name of Object.keys(given)) {
    if (!known.includes(name)) {
      throw new DomainError('invalid-request', `The query parameter ${name} is not part of ${operation.id}`, {
        extensions: { allowed: known },
      });
    }
  }
  const query = new URLSearchParams();
  for (const name of known) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new DomainError('invalid-request', `The query parameter ${name} must be given once`);
    query.set(name, value);
  }
  const search = query.toString();
  return `${expandPath(operation, matched.params)}${search ? `?${search}` : ''}`;
}

/** The JSON body of a POST operation, as the caller sent it. */
export function upstreamBodyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  if (typeof request.body !== 'object' || request.body === null) {
    throw new DomainError('invalid-request', 'This operation needs a JSON body (Content-Type: application/json)');
  }
  return JSON.stringify(request.body);
}
