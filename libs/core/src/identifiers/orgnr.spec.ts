import { describe, expect, it } from '@jest/globals';
import { InvalidIdentifierError } from './identifier-error.js';
import { iso6523ActorId, Orgnr, parseIso6523ActorId } from './orgnr.js';

/** Independent of the implementation: the computed check digit of an 8-digit prefix, 10 included. */
function checkOf(prefix: string): number {
  const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * Number(prefix[i]), 0);
  return (11 - (sum % 11)) % 11;
}

function reasonOf(value: unknown): string | undefined {
  try {
    Orgnr.parse(value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect((error as InvalidIdentifierError).kind).toBe('orgnr');
    expect((error as Error).message).not.toMatch(/\d/);
    return (error as InvalidIdentifierError).reason;
  }
}

const VALID = ['974760673', '971526920', '312597772', '889640782', '983887457', '945627913', '923609016', '991825827'];

// Every other last digit of every valid sample.
const WRONG_CHECK_DIGIT = VALID.flatMap((orgnr) =>
  [...'0123456789'].filter((digit) => digit !== orgnr[8]).map((digit) => orgnr.slice(0, 8) + digit),
);

const CHECK_IS_TEN = '97476069';

describe('Orgnr', () => {
  it.each(VALID)('accepts %s', (value) => {
    expect(checkOf(value)).toBe(Number(value[8]));
    const orgnr = Orgnr.parse(value);
    expect(Orgnr.isValid(value)).toBe(true);
    expect(orgnr.value).toBe(value);
    expect(orgnr.toString()).toBe(value);
    expect(`${orgnr}`).toBe(value);
    expect(orgnr.toJSON()).toBe(value);
    expect(JSON.stringify({ orgnr })).toBe(`{"orgnr":"${value}"}`);
  });

  it.each(WRONG_CHECK_DIGIT)('rejects %s for its check digit', (value) => {
    expect(Orgnr.isValid(value)).toBe(false);
    expect(reasonOf(value)).toBe('invalid-check-digit');
  });

  it(`uses a prefix whose computed check digit is 10 (${CHECK_IS_TEN})`, () => {
    expect(checkOf(CHECK_IS_TEN)).toBe(10);
  });

  it.each([...'0123456789'].map((digit) => CHECK_IS_TEN + digit))(
    'rejects %s: the check digit would be 10',
    (value) => {
      expect(reasonOf(value)).toBe('invalid-check-digit');
    },
  );

  it('rejects 000000000 although its checksum holds', () => {
    expect(checkOf('00000000')).toBe(0);
    expect(reasonOf('000000000')).toBe('all-zero');
  });

  it.each<[string, unknown]>([
    ['8 digits', '97476067'],
    ['10 digits', '9747606730'],
    ['a letter', '97476067a'],
    ['letters', 'abcdefghi'],
    ['inner spaces', '974 760 673'],
    ['a leading space', ' 974760673'],
    ['a trailing space', '974760673 '],
    ['a trailing newline', '974760673\n'],
    ['a prefix', 'NO974760673'],
    ['the MVA suffix', '974760673MVA'],
    ['non-ASCII digits', '٩٧٤٧٦٠٦٧٣'],
    ['a sign', '+97476067'],
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a number', 974760673],
    ['an object', { value: '974760673' }],
    ['an array', ['974760673']],
  ])('rejects %s', (_label, value) => {
    expect(Orgnr.isValid(value)).toBe(false);
    expect(reasonOf(value)).toBe('not-nine-digits');
  });

  it('compares by value', () => {
    expect(Orgnr.parse('974760673').equals(Orgnr.parse('974760673'))).toBe(true);
    expect(Orgnr.parse('974760673').equals(Orgnr.parse('971526920'))).toBe(false);
    expect(Orgnr.parse('974760673').equals(null)).toBe(false);
    expect(Orgnr.parse('974760673').equals(undefined)).toBe(false);
  });

  it('has a plain English error message', () => {
    expect(() => Orgnr.parse('974760674')).toThrow('The organisation number is invalid (invalid-check-digit)');
  });
});

describe('ISO 6523 actor id', () => {
  it.each(VALID)('round-trips %s', (value) => {
    const id = iso6523ActorId(Orgnr.parse(value));
    expect(id).toBe(`0192:${value}`);
    expect(iso6523ActorId(value)).toBe(id);
    expect(parseIso6523ActorId(id).value).toBe(value);
  });

  it('refuses to build an actor id from an invalid orgnr string', () => {
    expect(() => iso6523ActorId('974760674')).toThrow(InvalidIdentifierError);
  });

  it.each<[string, unknown, string]>([
    ['no prefix', '974760673', 'not-iso6523-0192'],
    ['no colon', '0192974760673', 'not-iso6523-0192'],
    ['another scheme', '0193:974760673', 'not-iso6523-0192'],
    ['a leading space', ' 0192:974760673', 'not-iso6523-0192'],
    ['the empty string', '', 'not-iso6523-0192'],
    ['a number', 974760673, 'not-iso6523-0192'],
    ['null', null, 'not-iso6523-0192'],
    ['nothing after the prefix', '0192:', 'not-nine-digits'],
    ['a space after the prefix', '0192: 974760673', 'not-nine-digits'],
    ['two prefixes', '0192:0192:974760673', 'not-nine-digits'],
    ['a wrong check digit', '0192:974760674', 'invalid-check-digit'],
    ['all zeros', '0192:000000000', 'all-zero'],
  ])('rejects %s', (_label, id, reason) => {
    expect(() => parseIso6523ActorId(id)).toThrow(expect.objectContaining({ kind: 'orgnr', reason }));
  });
});
