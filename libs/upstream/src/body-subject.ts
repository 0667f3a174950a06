function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** Where each kind of request body names the person (or party) it is about. */
const BODY_PATHS = [
  ['skyldner', 'taxIdentificationNumber'], // oppslag samordnet trekk; beslutning model 2.0
  ['saksoekt', 'saksoekt', 'person', 'identifikator', 'taxIdentificationNumber'], // beslutning v1
];

/** The data subject a JSON body names, as sent (the gateway's audit and the worker's send-time policy check share it). */
export function bodySubjectOf(body: unknown): string | undefined {
  for (const path of BODY_PATHS) {
    const value = at(body, path);
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 64);
  }
  return undefined;
}
