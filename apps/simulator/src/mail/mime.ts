/**
 * Just enough MIME to show what the platform sent (plain text, as nodemailer writes it): headers
 * unfolded, RFC 2047 encoded words, and a quoted-printable or base64 body. Multipart mail shows
 * its first text/plain part.
 */
export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, payload: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(payload, 'base64')
          : Buffer.from(qp(payload.replace(/_/g, ' ')), 'latin1');
      return bytes.toString('utf8');
    });
}

/** Quoted-printable to a latin1 byte string (decode as UTF-8 afterwards). */
function qp(value: string): string {
  return value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function splitHead(raw: string): [Record<string, string>, string] {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, body];
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const charset = /charset="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(qp(body), 'latin1')
        : Buffer.from(body, 'latin1');
  return bytes.toString(charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1').replace(/\r\n/g, '\n');
}

export function parseMail(raw: string): ParsedMail {
  const [headers, body] = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  let text = '';
  if (boundary && /^multipart\//i.test(headers['content-type'] ?? '')) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const [partHeaders, partBody] = splitHead(part.replace(/^\r?\n/, ''));
      if (/^text\/plain/i.test(partHeaders['content-type'] ?? 'text/plain')) {
        text = decodeBody(partHeaders, partBody.replace(/\r?\n$/, ''));
        break;
      }
    }
  } else {
    text = decodeBody(headers, body);
  }
  return { headers, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\n$/, '') };
}
