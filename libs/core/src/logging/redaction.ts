/**
 * Personal identifiers (fødselsnummer, d-nummer: 11 digits) must never reach a log line.
 * Paths, messages and error texts pass through here before they are logged.
 */
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/g;

export function maskIdentifiers(text: string): string {
  return text.replace(ELEVEN_DIGITS, '***********');
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
