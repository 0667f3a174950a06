/**
 * Personal identifiers (fødselsnummer, d-nummer: 11 digits) must never reach a log line.
 * Paths, messages and error texts pass through here before they are logged.
 */
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/g;

export function maskIdentifiers(text: string): string {
  return text.replace(ELEVEN_DIGITS, '***********');
}

const ENCODED_ASCII = /%([0-7][0-9A-Fa-f])/g;

/**
 * A request path or URL for a log line: percent-encoded ASCII is decoded (repeatedly, so `%2530`
 * is read as `0` too) before masking, so an encoded personidentifikator is masked like a plain
 * one. Never throws, whatever the path holds.
 */
export function maskPath(path: string): string {
  let decoded = path;
  for (let round = 0; round < 4; round++) {
    const next = decoded.replace(ENCODED_ASCII, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === decoded) break;
    decoded = next;
  }
  return maskIdentifiers(decoded);
}

/** Fields that never appear in logs, wherever they stand in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.assertion',
  '*.client_assertion',
  '*.privateKey',
  '*.key',
  '*.secret',
  '*.password',
  '*.personidentifikator',
  '*.fnr',
];
