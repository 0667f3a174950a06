/** The longest uuid a beslutning's `vedlegg.uuid` may carry (its body schema's bound). */
const MAX_UUID_LENGTH = 100;
const UUID_TEXT = /^[A-Za-z0-9-]{1,100}$/;

/**
 * The uuid Skatteetaten gave an uploaded document, from its answer: a top-level `uuid` in JSON,
 * or the single `<uuid>` element in XML (the answer's shape is unpublished; the name is the one a
 * beslutning references it by). Undefined when there is none, or it could not stand in a body.
 */
export function readVedleggUuid(contentType: string | undefined, body: Buffer): string | undefined {
  const raw = body.toString('utf8');
  let value: unknown;
  if (contentType?.includes('xml') || raw.trimStart().startsWith('<')) {
    const values = [...raw.matchAll(/<(?:\w+:)?uuid>\s*([^<]*?)\s*<\/(?:\w+:)?uuid>/g)].map((match) => match[1]);
    value = values.length === 1 ? values[0] : undefined;
  } else {
    try {
      const parsed = JSON.parse(raw) as unknown;
      value =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>).uuid
          : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof value === 'string' && value.length <= MAX_UUID_LENGTH && UUID_TEXT.test(value) ? value : undefined;
}

/**
 * Every document a body references: the `uuid` of each vedlegg in it, wherever its model puts one
 * (beslutning, betalingsoppfordring, fullmakt). The body passed its model's closed schema, where
 * `uuid` is a field of a vedlegg only, so every `uuid` found is a reference.
 */
export function vedleggReferences(body: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 12) return;
    if (Array.isArray(node)) return node.forEach((item) => walk(item, depth + 1));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'uuid' && typeof value === 'string') found.add(value);
      else walk(value, depth + 1);
    }
  };
  walk(body, 0);
  return [...found];
}
