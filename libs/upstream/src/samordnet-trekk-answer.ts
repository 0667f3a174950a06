/**
 * Reads the oppslag samordnet trekk answer: the boolean that says whether the debtor has or has
 * had trekk under the new regime. Its name is unpublished (UTLEGGSTREKK_SAMORDNET_TREKK_FIELD), so
 * it is looked for at any depth of a JSON answer, or as an element of an XML one. Undefined when
 * it is absent or not a boolean: then nothing is recorded (and a registration stays refused).
 */
export function readSamordnetTrekk(contentType: string | undefined, body: Buffer, field: string): boolean | undefined {
  const raw = body.toString('utf8');
  if (contentType?.includes('xml') || raw.trimStart().startsWith('<')) {
    const values = [...raw.matchAll(new RegExp(`<(?:\\w+:)?${field}>\\s*([^<]*?)\\s*</(?:\\w+:)?${field}>`, 'g'))].map(
      (match) => match[1],
    );
    return values.length === 1 ? booleanOf(values[0]) : undefined;
  }
  try {
    return findField(JSON.parse(raw), field, 0);
  } catch {
    return undefined;
  }
}

function booleanOf(text: string): boolean | undefined {
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

const MAX_DEPTH = 4;

function findField(value: unknown, field: string, depth: number): boolean | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > MAX_DEPTH) return undefined;
  const record = value as Record<string, unknown>;
  if (field in record) return typeof record[field] === 'boolean' ? record[field] : undefined;
  for (const child of Object.values(record)) {
    const found = findField(child, field, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
