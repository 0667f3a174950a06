import { InvalidIdentifierError } from './identifier-error.js';

export type OrgnrInvalidReason = 'not-nine-digits' | 'all-zero' | 'invalid-check-digit' | 'not-iso6523-0192';

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];
const ISO6523_PREFIX = '0192:';

function invalidReason(value: unknown): OrgnrInvalidReason | undefined {
  if (typeof value !== 'string' || !/^\d{9}$/.test(value)) return 'not-nine-digits';
  // The checksum alone would accept 000000000.
  if (value === '000000000') return 'all-zero';
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  // A computed 10 matches no digit: no orgnr is ever issued with such a prefix.
  return (11 - (sum % 11)) % 11 === Number(value[8]) ? undefined : 'invalid-check-digit';
}

/** A Norwegian organisation number (9 digits, mod-11). Not personal data, so it prints as is. */
export class Orgnr {
  private constructor(readonly value: string) {}

  static parse(value: unknown): Orgnr {
    const reason = invalidReason(value);
    if (reason) throw new InvalidIdentifierError('orgnr', reason);
    return new Orgnr(value as string);
  }

  static isValid(value: unknown): boolean {
    return invalidReason(value) === undefined;
  }

  equals(other: Orgnr | null | undefined): boolean {
    return other?.value === this.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

/** The Maskinporten / ISO 6523 actor id of an organisation, e.g. `0192:974760673`. */
export function iso6523ActorId(orgnr: Orgnr | string): string {
  return ISO6523_PREFIX + (orgnr instanceof Orgnr ? orgnr : Orgnr.parse(orgnr)).value;
}

export function parseIso6523ActorId(id: unknown): Orgnr {
  if (typeof id !== 'string' || !id.startsWith(ISO6523_PREFIX))
    throw new InvalidIdentifierError('orgnr', 'not-iso6523-0192');
  return Orgnr.parse(id.slice(ISO6523_PREFIX.length));
}
