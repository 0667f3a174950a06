import { InvalidIdentifierError } from './identifier-error.js';

export type PersonidentifikatorKind = 'fodselsnummer' | 'd-nummer';
export type PersonidentifikatorInvalidReason =
  'not-eleven-digits' | 'invalid-date' | 'invalid-check-digit' | 'synthetic-not-allowed';
export type PersonidentifikatorValidation =
  | { valid: true; kind: PersonidentifikatorKind; synthetic: boolean }
  | { valid: false; reason: PersonidentifikatorInvalidReason };

export interface PersonidentifikatorOptions {
  /** Accept test identities (month + 40, Tenor's month + 80). Only for test environments. */
  allowSynthetic?: boolean;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const MASK = '***********';

/** Whether the digit after the weighted ones is their mod-11 check digit. A computed 10 matches no digit: never issued. */
function hasCheckDigit(digits: string, weights: readonly number[]): boolean {
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return (11 - (sum % 11)) % 11 === Number(digits[weights.length]);
}

/** The full birth year from the two-digit year and the individnummer, or undefined if they cannot go together. */
function birthYear(yy: number, individnummer: number): number | undefined {
  if (individnummer <= 499) return 1900 + yy;
  if (individnummer <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individnummer >= 900) return 1900 + yy;
  return undefined;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  // Day 0 of the next month is the last day of this one.
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A fødselsnummer or d-nummer. The digits are personal data: they are held in a private field,
 * readable only through `.value`, and every printed form (toString, toJSON, inspect, errors) is masked.
 */
export class Personidentifikator {
  readonly #value: string;

  private constructor(
    value: string,
    readonly kind: PersonidentifikatorKind,
    readonly synthetic: boolean,
  ) {
    this.#value = value;
  }

  static validate(value: unknown, options: PersonidentifikatorOptions = {}): PersonidentifikatorValidation {
    if (typeof value !== 'string' || !/^\d{11}$/.test(value)) return { valid: false, reason: 'not-eleven-digits' };
    if (!hasCheckDigit(value, K1_WEIGHTS) || !hasCheckDigit(value, K2_WEIGHTS))
      return { valid: false, reason: 'invalid-check-digit' };

    let day = Number(value.slice(0, 2));
    let month = Number(value.slice(2, 4));
    const kind: PersonidentifikatorKind = day > 40 ? 'd-nummer' : 'fodselsnummer';
    if (kind === 'd-nummer') day -= 40;
    const synthetic = month > 40;
    if (month > 80) month -= 80;
    else if (month > 40) month -= 40;

    const year = birthYear(Number(value.slice(4, 6)), Number(value.slice(6, 9)));
    if (year === undefined || !isCalendarDate(year, month, day)) return { valid: false, reason: 'invalid-date' };
    if (synthetic && !options.allowSynthetic) return { valid: false, reason: 'synthetic-not-allowed' };
    return { valid: true, kind, synthetic };
  }

  static parse(value: unknown, options: PersonidentifikatorOptions = {}): Personidentifikator {
    const result = Personidentifikator.validate(value, options);
    if (!result.valid) throw new InvalidIdentifierError('personidentifikator', result.reason);
    return new Personidentifikator(value as string, result.kind, result.synthetic);
  }

  /** The raw digits, for the few places that must send them on (e.g. an upstream request). Never log this. */
  get value(): string {
    return this.#value;
  }

  equals(other: Personidentifikator | null | undefined): boolean {
    return other?.value === this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }
}
