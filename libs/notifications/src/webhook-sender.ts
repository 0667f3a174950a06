import { request } from 'undici';

/** POSTs one JSON notification; anything but a 2xx within the timeout is a failed attempt. */
export async function sendWebhook(url: string, body: unknown, timeoutMs: number, deliveryId: string): Promise<void> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-delivery-id': deliveryId },
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body.dump();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`receiver answered HTTP ${response.statusCode}`);
  }
}
