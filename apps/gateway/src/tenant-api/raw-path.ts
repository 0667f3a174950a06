import { DomainError } from '#core';

const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * The path below `/api/v1/{orgnr}/` as the caller sent it (still percent-encoded), for the
 * catalogue match, which decodes each segment exactly once. Every segment must decode cleanly to
 * something without a `%`: a stray `%`, bad UTF-8 or an encoded `%25` (which a second decoding
 * would turn into another identifier than the one logged and judged) is 400 `path-invalid`.
 */
export function rawPathBelowTenant(url: string): string {
  const segments = url.split('?')[0].split('/').slice(4);
  for (const segment of segments) {
    let decoded: string;
    try {
      if (STRAY_PERCENT.test(segment)) throw new URIError('stray %');
      decoded = decodeURIComponent(segment);
    } catch {
      throw new DomainError('path-invalid', 'The path has a % that does not start a valid percent-encoded character');
    }
    if (decoded.includes('%'))
      throw new DomainError('path-invalid', 'The path has an encoded % (%25); no catalogue path contains one');
  }
  return segments.join('/');
}
