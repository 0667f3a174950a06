/** One rule a submission broke, from a 422 rule list (reference §3: `DUPLIKAT_INNSENDING`, `UGYLDIG_KID`, …). */
export interface UpstreamRule {
  vilkaarnavn: string;
  melding?: string;
}

/** Skatteetaten's error body (`{kode, melding, korrelasjonsid}` or its `<feil>` XML form), when there is one. */
export interface UpstreamErrorBody {
  kode?: string;
  melding?: string;
  korrelasjonsid?: string;
  /** A 422 may list the violated rules instead, in JSON or XML. */
  regler?: UpstreamRule[];
}

const MAX_TEXT = 500;
const MAX_RULES = 50;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_TEXT) : undefined;
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml);
  return match ? text(unescapeXml(match[1])) : undefined;
}

/** Rules from `[{vilkaarnavn, melding, korrelasjonsid}]` items; other items are skipped. */
function rulesOf(items: unknown[]): { regler: UpstreamRule[]; korrelasjonsid?: string } | undefined {
  const regler: UpstreamRule[] = [];
  let korrelasjonsid: string | undefined;
  for (const item of items.slice(0, MAX_RULES)) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const vilkaarnavn = text(record.vilkaarnavn);
    if (!vilkaarnavn) continue;
    regler.push({ vilkaarnavn, ...(text(record.melding) ? { melding: text(record.melding) } : {}) });
    korrelasjonsid ??= text(record.korrelasjonsid);
  }
  return regler.length > 0 ? { regler, korrelasjonsid } : undefined;
}

function parseXml(raw: string): UpstreamErrorBody {
  const blocks = [...raw.matchAll(/<(?:\w+:)?vilkaar>([\s\S]*?)<\/(?:\w+:)?vilkaar>/g)].map((match) => match[1]);
  const rules = rulesOf(
    blocks.map((block) => ({
      vilkaarnavn: xmlElement(block, 'vilkaarnavn'),
      melding: xmlElement(block, 'melding'),
      korrelasjonsid: xmlElement(block, 'korrelasjonsid'),
    })),
  );
  if (rules) return rules;
  return {
    kode: xmlElement(raw, 'kode'),
    melding: xmlElement(raw, 'melding'),
    korrelasjonsid: xmlElement(raw, 'korrelasjonsid'),
  };
}

function parseJson(parsed: unknown): UpstreamErrorBody {
  if (Array.isArray(parsed)) return rulesOf(parsed) ?? {};
  if (typeof parsed !== 'object' || parsed === null) return {};
  const record = parsed as Record<string, unknown>;
  // The kommune API's 422 shape is unpublished: a list under any property is read the same way.
  const list = Object.values(record).find((value): value is unknown[] => Array.isArray(value));
  const rules = list ? rulesOf(list) : undefined;
  return {
    kode: text(record.kode),
    melding: text(record.melding),
    korrelasjonsid: text(record.korrelasjonsid) ?? rules?.korrelasjonsid,
    ...(rules ? { regler: rules.regler } : {}),
  };
}

/** Reads the error body leniently: an unknown shape gives an empty result, never an exception. */
export function parseUpstreamError(contentType: string | undefined, body: Buffer): UpstreamErrorBody {
  const raw = body.toString('utf8');
  if (contentType?.includes('xml') || raw.trimStart().startsWith('<')) return parseXml(raw);
  try {
    return parseJson(JSON.parse(raw));
  } catch {
    // Not JSON (e.g. a load balancer's text page): no upstream details to keep.
    return {};
  }
}
