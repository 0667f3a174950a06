import { DomainError } from '#core';
import { parseUpstreamError } from './upstream-error-body.js';
import type { UpstreamResponse } from './upstream-client.js';

/**
 * An upstream error answer as the caller's problem: Skatteetaten's own `kode`, `melding` and
 * `korrelasjonsid` kept under `upstream`, and a status of the same class. One exception: a 401
 * means Skatteetaten refused the platform's token, which is not the caller's fault (502).
 */
export function upstreamProblem(
  api: string,
  response: Pick<UpstreamResponse, 'status' | 'contentType' | 'body' | 'korrelasjonsid'>,
  more: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): DomainError {
  const parsed = parseUpstreamError(response.contentType, response.body);
  const upstream = {
    status: response.status,
    ...parsed,
    korrelasjonsid: parsed.korrelasjonsid ?? response.korrelasjonsid,
  };
  const extensions = { ...more, upstream };
  const what = parsed.kode ? ` (${parsed.kode})` : '';
  const { status } = response;
  if (status === 401)
    return new DomainError('upstream-auth-failed', `The ${api} API refused the platform's Maskinporten token${what}`, {
      extensions,
      headers,
    });
  if (status === 429)
    return new DomainError('upstream-throttled', `The ${api} API asks to slow down${what}`, {
      extensions,
      headers: { ...headers, 'Retry-After': '1' },
    });
  if (status >= 400 && status < 500)
    return new DomainError('upstream-rejected', `The ${api} API rejected the request${what}`, {
      status,
      extensions,
      headers,
    });
  if (status === 503 || parsed.kode === 'DAS-003')
    return new DomainError('upstream-unavailable', `The ${api} API is temporarily unavailable${what}`, {
      extensions,
      headers,
    });
  if (status === 504)
    return new DomainError('upstream-timeout', `The ${api} API timed out${what}`, { extensions, headers });
  return new DomainError('upstream-error', `The ${api} API failed with status ${status}${what}`, {
    extensions,
    headers,
  });
}
