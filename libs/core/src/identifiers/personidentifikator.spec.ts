import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { InvalidIdentifierError } from './identifier-error.js';
import { Personidentifikator } from './personidentifikator.js';

// Independent of the implementation, to build samples.
const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** The computed mod-11 check digit, 10 included. */
function mod11(digits: string, weights: number[]): number {
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return (11 - (sum % 11)) % 11;
}

/** Completes DDMMYY + two individnummer digits, trying the third until both check digits exist. */
function complete(first8: string): string {
  for (const digit of '0123456789') {
    const nine = first8 + digit;
    const k1 = mod11(nine, K1);
    const k2 = mod11(nine + k1, K2);
    if (k1 !== 10 && k2 !== 10) return `${nine}${k1}${k2}`;
  }
  throw new Error(`no valid completion of ${first8}`);
}

/** The first nine digits, over some dates of 1990, whose check digit k1 (or k2) computes to 10. */
function nineWithCheckOfTen(which: 'k1' | 'k2'): string {
  for (let day = 1; day <= 28; day++) {
    for (let individ = 100; individ <= 499; individ++) {
      const nine = `${String(day).padStart(2, '0')}0190${individ}`;
      const k1 = mod11(nine, K1);
      if (which === 'k1' ? k1 === 10 : k1 !== 10 && mod11(nine + k1, K2) === 10) return nine;
    }
  }
  throw new Error(`no ${which} of 10 found`);
}

type Validation = ReturnType<typeof Personidentifikator.validate>;

function reasonOf(value: unknown, allowSynthetic: boolean): string | undefined {
  const result: Validation = Personidentifikator.validate(value, { allowSynthetic });
  try {
    Personidentifikator.parse(value, { allowSynthetic });
    expect(result.valid).toBe(true);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ kind: 'personidentifikator', reason: result.valid ? 'none' : result.reason });
    expect((error as Error).message).not.toMatch(/\d/);
    if (typeof value === 'string' && /\d/.test(value)) expect(inspect(error)).not.toContain(value);
    return (error as InvalidIdentifierError).reason;
  }
}

const PLAIN: [string, string, 'fodselsnummer' | 'd-nummer'][] = [
  ['the example 01.02.1994', '01029413157', 'fodselsnummer'],
  ['1 Jan 1990', complete('01019012'), 'fodselsnummer'],
  ['31 Dec 1999 (000–499)', complete('31129949'), 'fodselsnummer'],
  ['17 May 1905', complete('17050532'), 'fodselsnummer'],
  ['1 Jan 1854 (500–749, YY 54)', complete('01015450'), 'fodselsnummer'],
  ['30 Jun 1899 (500–749, YY 99)', complete('30069974'), 'fodselsnummer'],
  ['15 Mar 2007 (500–999, YY 00–39)', complete('15030750'), 'fodselsnummer'],
  ['31 Dec 2039 (900–999, YY 39)', complete('31123999'), 'fodselsnummer'],
  ['1 Aug 1945 (900–999, YY 40–99)', complete('01084590'), 'fodselsnummer'],
  ['29 Feb 1996 (leap year)', complete('29029612'), 'fodselsnummer'],
  ['29 Feb 2000 (leap year, divisible by 400)', complete('29020050'), 'fodselsnummer'],
  ['29 Feb 2024 (leap year)', complete('29022450'), 'fodselsnummer'],
  ['30 Apr 1990', complete('30049012'), 'fodselsnummer'],
  ['d-nummer, 1 Jan 1990', complete('41019012'), 'd-nummer'],
  ['d-nummer, 31 Dec 1985', complete('71128534'), 'd-nummer'],
  ['d-nummer, 29 Feb 2004', complete('69020455'), 'd-nummer'],
];

const SYNTHETIC: [string, string, 'fodselsnummer' | 'd-nummer'][] = [
  ['the Tenor example 13819699571 (month + 80)', '13819699571', 'fodselsnummer'],
  ['the Tenor example 30921548296 (month + 80)', '30921548296', 'fodselsnummer'],
  ['the Tenor d-nummer example 44926701751', '44926701751', 'd-nummer'],
  ['month + 40, 1 Jan 1990', complete('01419012'), 'fodselsnummer'],
  ['month + 40, 31 Dec 2001', complete('31520150'), 'fodselsnummer'],
  ['month + 80, 29 Feb 1996', complete('29829612'), 'fodselsnummer'],
  ['month + 40 d-nummer, 15 Jun 1970', complete('55467023'), 'd-nummer'],
  ['month + 80 d-nummer, 1 Jan 2010', complete('41811055'), 'd-nummer'],
];

const INVALID_DATE: [string, string][] = [
  ['29 Feb 1900 (not a leap year)', complete('29020012')],
  ['29 Feb 1999', complete('29029912')],
  ['29 Feb 2023', complete('29022350')],
  ['31 Apr', complete('31049012')],
  ['31 Jun', complete('31069012')],
  ['31 Sep', complete('31099012')],
  ['31 Nov', complete('31119012')],
  ['30 Feb', complete('30029612')],
  ['day 00', complete('00019012')],
  ['day 32', complete('32019012')],
  ['day 40', complete('40019012')],
  ['d-nummer day 72 (32)', complete('72019012')],
  ['d-nummer day 40 + 31 Apr', complete('71049012')],
  ['day 80 (not a d-nummer)', complete('80019012')],
  ['month 00', complete('01009012')],
  ['month 13', complete('01139012')],
  ['month 20', complete('01209012')],
  ['month 40', complete('01409012')],
  ['month + 40 of 13 (53)', complete('01539012')],
  ['month 60', complete('01609012')],
  ['month 80', complete('01809012')],
  ['month + 80 of 13 (93)', complete('01939012')],
  ['month + 80 of 31 Apr', complete('31849012')],
  ['individnummer 500–749 with YY 40–53', complete('01014560')],
  ['individnummer 750–899 with YY 40–99', complete('01019080')],
  ['individnummer 750–899 with YY 54–99', complete('01017085')],
];

const K1_TEN = nineWithCheckOfTen('k1');
const K2_TEN = nineWithCheckOfTen('k2');
const VALID_SAMPLE = complete('01019012');

/** Replaces k1 with another digit and recomputes k2, so that only k1 is wrong. */
function wrongK1(value: string): string {
  for (let step = 1; step <= 9; step++) {
    const ten = value.slice(0, 9) + ((Number(value[9]) + step) % 10);
    const k2 = mod11(ten, K2);
    if (k2 !== 10) return ten + k2;
  }
  throw new Error('no wrong k1 found');
}

const wrongK2 = (value: string, step: number): string => value.slice(0, 10) + ((Number(value[10]) + step) % 10);

const INVALID_CHECK: [string, string][] = [
  ...PLAIN.map(([label, value]): [string, string] => [`wrong k1 of ${label}`, wrongK1(value)]),
  ...PLAIN.map(([label, value]): [string, string] => [`wrong k2 of ${label}`, wrongK2(value, 1)]),
  ...SYNTHETIC.map(([label, value]): [string, string] => [`wrong k2 of ${label}`, wrongK2(value, 5)]),
  ...[...'0123456789'].map((digit): [string, string] => [
    `k1 of 10, written as ${digit}`,
    `${K1_TEN}${digit}${mod11(K1_TEN + digit, K2) % 10}`,
  ]),
  ...[...'0123456789'].map((digit): [string, string] => [
    `k2 of 10, written as ${digit}`,
    `${K2_TEN}${mod11(K2_TEN, K1)}${digit}`,
  ]),
  ['all zeros but the last', '00000000001'],
];

describe('Personidentifikator', () => {
  it('builds its samples from an independent check digit computation', () => {
    for (const [, value] of [...PLAIN, ...SYNTHETIC]) {
      expect(mod11(value, K1)).toBe(Number(value[9]));
      expect(mod11(value, K2)).toBe(Number(value[10]));
    }
    expect(mod11(K1_TEN, K1)).toBe(10);
    expect(mod11(K2_TEN + mod11(K2_TEN, K1), K2)).toBe(10);
  });

  it.each(PLAIN)('accepts %s', (_label, value, kind) => {
    for (const allowSynthetic of [false, true]) {
      expect(Personidentifikator.validate(value, { allowSynthetic })).toEqual({ valid: true, kind, synthetic: false });
      const id = Personidentifikator.parse(value, { allowSynthetic });
      expect(id.value).toBe(value);
      expect(id.kind).toBe(kind);
      expect(id.synthetic).toBe(false);
    }
    expect(Personidentifikator.validate(value)).toEqual({ valid: true, kind, synthetic: false });
  });

  it.each(SYNTHETIC)('accepts %s only when synthetic identities are allowed', (_label, value, kind) => {
    expect(Personidentifikator.validate(value, { allowSynthetic: true })).toEqual({
      valid: true,
      kind,
      synthetic: true,
    });
    const id = Personidentifikator.parse(value, { allowSynthetic: true });
    expect(id).toMatchObject({ value, kind, synthetic: true });

    expect(reasonOf(value, false)).toBe('synthetic-not-allowed');
    expect(Personidentifikator.validate(value)).toEqual({ valid: false, reason: 'synthetic-not-allowed' });
    expect(() => Personidentifikator.parse(value)).toThrow(InvalidIdentifierError);
  });

  it.each(INVALID_DATE)('rejects %s', (_label, value) => {
    expect(reasonOf(value, false)).toBe('invalid-date');
    expect(reasonOf(value, true)).toBe('invalid-date');
  });

  it.each(INVALID_CHECK)('rejects %s', (_label, value) => {
    expect(reasonOf(value, false)).toBe('invalid-check-digit');
    expect(reasonOf(value, true)).toBe('invalid-check-digit');
  });

  it.each<[string, unknown]>([
    ['10 digits', VALID_SAMPLE.slice(0, 10)],
    ['12 digits', `${VALID_SAMPLE}0`],
    ['a letter', `${VALID_SAMPLE.slice(0, 10)}a`],
    ['a space inside', `${VALID_SAMPLE.slice(0, 6)} ${VALID_SAMPLE.slice(6)}`],
    ['a leading space', ` ${VALID_SAMPLE}`],
    ['a trailing newline', `${VALID_SAMPLE}\n`],
    ['a dash', `${VALID_SAMPLE.slice(0, 6)}-${VALID_SAMPLE.slice(6)}`],
    ['non-ASCII digits', '٠١٠٢٩٤١٣١٥٧'],
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a number', 1029413157],
    ['an object', { value: '01029413157' }],
  ])('rejects %s', (_label, value) => {
    expect(reasonOf(value, true)).toBe('not-eleven-digits');
  });

  it.each([...PLAIN, ...SYNTHETIC])('never prints the digits of %s', (_label, value) => {
    const id = Personidentifikator.parse(value, { allowSynthetic: true });
    const printed = [
      id.toString(),
      `${id}`,
      String(id),
      JSON.stringify(id),
      JSON.stringify({ id }),
      inspect(id),
      inspect({ id }, { depth: 5 }),
    ];
    for (const text of printed) {
      expect(text).not.toContain(value);
      expect(text).not.toMatch(/\d{6}/);
    }
    expect(id.toString()).not.toMatch(/\d/);
    expect(id.toJSON()).not.toMatch(/\d/);
  });

  it('never echoes the value in an error message', () => {
    const values = [wrongK1('01029413157'), complete('31049012'), '13819699571', `${VALID_SAMPLE}0`];
    for (const value of values) {
      expect(() => Personidentifikator.parse(value)).toThrow(InvalidIdentifierError);
      try {
        Personidentifikator.parse(value);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/\d/);
        expect((error as Error).message).toMatch(/^The person identifier is invalid \(/);
        expect(inspect(error)).not.toContain(value);
      }
    }
  });

  it('compares by value', () => {
    const a = Personidentifikator.parse('01029413157');
    expect(a.equals(Personidentifikator.parse('01029413157'))).toBe(true);
    expect(a.equals(Personidentifikator.parse(VALID_SAMPLE))).toBe(false);
    expect(a.equals(null)).toBe(false);
  });
});
