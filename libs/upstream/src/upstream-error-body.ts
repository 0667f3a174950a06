/** Skatteetaten's error body (`{kode, melding, korrelasjonsid}` or its `<feil>` XML form), when there is one. */
export interface UpstreamErrorBody {
  kode?: string;
  melding?: string;
  korrelasjonsid?: string;
  /** 422 answers may list violated rules instead (`[{vilkaarnavn, melding}]`). */
  vilkaar?: unknown[];
}

const MAX_TEXT = 500;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_TEXT) : undefined;
}

function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml);
  return match ? text(match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) : undefined;
}

/** Reads the error body leniently: an unknown shape gives an empty result, never an exception. */
export function parseUpstreamError(contentType: string | undefined, body: Buffer): UpstreamErrorBody {
  const raw = body.toString('utf8');
  if (contentType?.includes('xml') || raw.trimStart().startsWith('<')) {
    return { kode: xmlElement(raw, 'kode'), melding: xmlElement(raw, 'melding'), korrelasjonsid: xmlElement(raw, 'korrelasjonsid') };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return { vilkaar: parsed.slice(0, 50) };
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      return { kode: text(record.kode), melding: text(record.melding), korrelasjonsid: text(record.korrelasjonsid) };
    }
  } catch {
    // Not JSON (e.g. a load balancer's text page): no upstream details to keep.
  }
  return {};
}
