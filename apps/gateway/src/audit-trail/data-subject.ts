import { bodySubjectOf, type MatchedOperation } from '../../../../libs/upstream/src/index.js';

/** The data subject of a request, as sent (the audit stores it only hashed and encrypted). */
export function dataSubjectOf(matched: MatchedOperation | undefined, body: unknown): string | undefined {
  const fromPath = matched?.params.personidentifikator;
  if (fromPath) return fromPath.slice(0, 64);
  return bodySubjectOf(body);
}
