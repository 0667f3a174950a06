/**
 * Why a delivery attempt failed, as the operator sees it in `lastError`: a category, never the
 * network's own words (which can echo addresses, certificate details or the receiver's text).
 */
export const WEBHOOK_FAILURE_CATEGORIES = [
  'url-refused',
  'address-refused',
  'dns-failed',
  'timeout',
  'connection-failed',
  'tls-failed',
  'http-1xx',
  'http-3xx',
  'http-4xx',
  'http-5xx',
  'delivery-failed',
] as const;
export type WebhookFailureCategory = (typeof WEBHOOK_FAILURE_CATEGORIES)[number];

/** Refusals by our own rules: trying again cannot help, so the delivery fails at once. */
const PERMANENT: ReadonlySet<WebhookFailureCategory> = new Set(['url-refused', 'address-refused']);

/** A failed attempt; its message is the category alone, so logs and bull's job record stay clean. */
export class WebhookDeliveryError extends Error {
  constructor(readonly category: WebhookFailureCategory) {
    super(category);
    this.name = 'WebhookDeliveryError';
  }

  get permanent(): boolean {
    return PERMANENT.has(this.category);
  }
}

const DNS = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
  'EREFUSED',
]);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);
const CONNECTION = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$)|CERT|SIGNATURE|ISSUER/;

/** The category of whatever an attempt threw, looking through `cause` chains. */
export function failureCategory(error: unknown): WebhookFailureCategory {
  // Duck-typed: errors from Node's internals need not be `instanceof Error` of this realm.
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 5;
    current = (current as Error).cause, depth++
  ) {
    const { name, code = '' } = current as NodeJS.ErrnoException;
    if (name === 'WebhookDeliveryError') return (current as WebhookDeliveryError).category;
    if (name === 'TimeoutError' || name === 'AbortError' || TIMEOUT.has(code)) return 'timeout';
    if (DNS.has(code)) return 'dns-failed';
    if (CONNECTION.has(code)) return 'connection-failed';
    if (code !== '' && TLS.test(code)) return 'tls-failed';
  }
  return 'delivery-failed';
}

/** The category of a receiver's non-2xx answer. */
export function httpFailure(status: number): WebhookDeliveryError {
  const family = Math.floor(status / 100);
  return new WebhookDeliveryError(
    family === 1 ? 'http-1xx' : family === 3 ? 'http-3xx' : family === 4 ? 'http-4xx' : 'http-5xx',
  );
}
