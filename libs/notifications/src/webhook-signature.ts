import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks: a secret is `whsec_` + base64 of its bytes (24 to 64; ours are 32). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function newWebhookSecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

export function formatWebhookSecret(secret: Buffer): string {
  return `${WEBHOOK_SECRET_PREFIX}${secret.toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` (the delivery, stable across retries,
 * for the receiver's de-duplication), `webhook-timestamp` (Unix seconds of this attempt, against
 * replays) and `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under each
 * secret in force, space-separated (current first; the previous one during a rotation's overlap).
 */
export function signatureHeaders(
  secrets: readonly Buffer[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', secret).update(content, 'utf8').digest('base64')}`,
  );
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
