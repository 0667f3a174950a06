import type { MatchedOperation } from '../../../../libs/upstream/src/index.js';

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** Where each kind of request names the person (or party) it is about. */
const BODY_PATHS = [
  ['skyldner', 'taxIdentificationNumber'], // oppslag samordnet trekk; beslutning model 2.0
  ['saksoekt', 'saksoekt', 'person', 'identifikator', 'taxIdentificationNumber'], // beslutning v1
];

/** The data subject of a request, as sent (the audit stores it only hashed and encrypted). */
export function dataSubjectOf(matched: MatchedOperation | undefined, body: unknown): string | undefined {
  const fromPath = matched?.params.personidentifikator;
  if (fromPath) return fromPath.slice(0, 64);
  for (const path of BODY_PATHS) {
    const value = at(body, path);
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 64);
  }
  return undefined;
}
