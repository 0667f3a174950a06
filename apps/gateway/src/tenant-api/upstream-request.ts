import { DomainError } from '#core';
import { expandPath, type MatchedOperation } from '#upstream';
import type { TenantCall } from '../tenancy/tenant-call.js';

/** The path and query to send upstream: the catalogue's template expanded, and only the query parameters the operation names. */
export function upstreamPathOf(matched: MatchedOperation, call: TenantCall): string {
  const { operation } = matched;
  const given = call.query;
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
export function upstreamBodyOf(call: TenantCall): string | undefined {
  if (call.method !== 'POST') return undefined;
  if (typeof call.body !== 'object' || call.body === null) {
    throw new DomainError('invalid-request', 'This operation needs a JSON body (Content-Type: application/json)');
  }
  return JSON.stringify(call.body);
}
