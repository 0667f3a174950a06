import { CONTEXT_HEADERS } from './tenants.js';

/** The gateway path of the decision-document upload (UTLEGGSTREKK_VEDLEGG_PATH's default). */
export const vedleggPath = (orgnr: string): string => `/api/v1/${orgnr}/utleggstrekk/v1/vedlegg`;

/** A small, well-formed PDF, padded with a comment to at least `size` bytes. */
export function pdfDocument(size = 0, text = 'Beslutning om utleggstrekk'): Buffer {
  const head = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\n`;
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.alloc(padding, 0x25), Buffer.from(tail, 'latin1')]);
}

/**
 * Uploads a decision document through the gateway, as a registration needs first (issue 18), and
 * returns the uuid Skatteetaten (the simulator) gave it. Fails the test with the answer otherwise.
 */
export async function uploadDecisionDocument(options: {
  url: string;
  orgnr: string;
  token: string;
  content?: Buffer;
  headers?: Record<string, string>;
}): Promise<string> {
  const response = await fetch(`${options.url}${vedleggPath(options.orgnr)}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      accept: 'application/json',
      'content-type': 'application/pdf',
      ...CONTEXT_HEADERS,
      ...options.headers,
    },
    body: new Uint8Array(options.content ?? pdfDocument()),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`the upload answered ${response.status}: ${text}`);
  const { uuid } = JSON.parse(text) as { uuid?: unknown };
  if (typeof uuid !== 'string') throw new Error(`the upload answered without a uuid: ${text}`);
  return uuid;
}

/** A copy of a beslutning body whose every document reference (each vedlegg's `uuid`) is `uuid`. */
export function withDocument<T>(body: T, uuid: string): T {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) =>
    key === 'uuid' && typeof value === 'string' ? uuid : value,
  ) as T;
}
