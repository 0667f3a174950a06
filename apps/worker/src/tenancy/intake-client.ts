import type { IntakeDelivery } from '#tenancy';

/** Delivers one declaration to the intake; resolves with the receipt reference, throws on anything but 2xx. */
export async function deliverToIntake(
  url: string,
  delivery: IntakeDelivery,
  timeoutMs: number,
): Promise<string | null> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': delivery.declarationId,
    },
    body: JSON.stringify(delivery),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the intake answered ${response.status}`);
  try {
    const body = JSON.parse(text) as { reference?: unknown };
    return typeof body.reference === 'string' ? body.reference.slice(0, 200) : null;
  } catch {
    return null;
  }
}
