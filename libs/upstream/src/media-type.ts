export type UpstreamFormat = 'json' | 'xml';

export const MEDIA_TYPE: Record<UpstreamFormat, string> = { json: 'application/json', xml: 'application/xml' };

/**
 * The format the caller accepts: JSON when it names none (Skatteetaten's default), XML when it
 * asks for it, undefined for anything else (the gateway answers 406 before any upstream work).
 * Media types with q=0 are refused ones, not accepted ones.
 */
export function negotiateFormat(accept: string | undefined): UpstreamFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const offered = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = params.find((param) => param.startsWith('q='));
      return { type, q: q === undefined ? 1 : Number(q.slice(2)) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { type } of offered) {
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return undefined;
}
