export type IdentifierKind = 'orgnr' | 'personidentifikator';

const NOUN: Record<IdentifierKind, string> = {
  orgnr: 'organisation number',
  personidentifikator: 'person identifier',
};

/** A malformed identifier. The message names the defect only: the value may be personal data. */
export class InvalidIdentifierError extends Error {
  constructor(
    readonly kind: IdentifierKind,
    readonly reason: string,
  ) {
    super(`The ${NOUN[kind]} is invalid (${reason})`);
    this.name = 'InvalidIdentifierError';
  }
}
