import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { assertBodyMatches, bodyErrors, checkBodySubject, storedBodySubject } from './body-check.js';
import { BESLUTNING_CONTRACTS, type BodyContract, OPPSLAG_CONTRACT } from './body-contracts.js';

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`apps/simulator/fixtures/skatteetaten/examples/${name}`, 'utf8')) as Record<string, unknown>;
const OPPSLAG = example('oppslag-samordnet-trekk-kommune.json');
const BESLUTNING_1 = example('beslutning-om-trekk-fra-kommune-v1.json');
const BESLUTNING_2 = example('beslutning-om-utleggstrekk-fra-kommune-v2.json');
const V1 = BESLUTNING_CONTRACTS['1.0'];
const V2 = BESLUTNING_CONTRACTS['2.0'];

const FNR = '01029413157';
const SYNTHETIC_DNR = '44926701751';
const TEST = { allowSynthetic: true };
const PROD = { allowSynthetic: false };
const ADRESSE = [
  { adressetype: 'bopelsadresse', adresseInnland: { postnummer: '0351', adressetekst: 'Josefines gate 3D' } },
];

/** A deep copy with the value at a JSON pointer replaced, or removed when `value` is undefined. */
function edited(body: unknown, pointer: string, value?: unknown): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const tokens = pointer.split('/').slice(1);
  const last = tokens.pop() as string;
  const parent = tokens.reduce((node, token) => node[token] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

function problemOf(run: () => unknown): { code: string; detail: string; extensions: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, detail: error.detail, extensions: error.extensions };
    throw error;
  }
  throw new Error('no problem was thrown');
}

describe('utleggstrekk body contracts', () => {
  describe("Skatteetaten's examples match their models", () => {
    it.each([
      ['oppslag samordnet trekk 1.0 (spec example)', OPPSLAG_CONTRACT, OPPSLAG],
      ['beslutning 1.0 (spec example)', V1, BESLUTNING_1],
      ['beslutning 2.0 (built from the reference field list)', V2, BESLUTNING_2],
    ] as const)('%s', (_, contract, body) => {
      expect(bodyErrors(contract, body)).toEqual([]);
      expect(() => assertBodyMatches(contract, body)).not.toThrow();
    });

    it('a model 1.0 body is not a model 2.0 body, and the refusal names what is missing and what is unknown', () => {
      const errors = bodyErrors(V2, BESLUTNING_1);
      expect(errors).toEqual(
        expect.arrayContaining([
          { pointer: '/kommune', rule: 'required', detail: 'is required' },
          { pointer: '/krav', rule: 'required', detail: 'is required' },
          { pointer: '/saksoekt', rule: 'additionalProperties', detail: 'is not a field of this model' },
        ]),
      );
    });
  });

  describe('the data subject, read where each model puts it', () => {
    it.each([
      [
        'oppslag: a company (orgnr), as in the spec example',
        OPPSLAG_CONTRACT,
        OPPSLAG,
        { value: '312597772', kind: 'orgnr' },
      ],
      [
        'oppslag: a person',
        OPPSLAG_CONTRACT,
        edited(OPPSLAG, '/skyldner/taxIdentificationNumber', FNR),
        { value: FNR, kind: 'personidentifikator' },
      ],
      ['beslutning 1.0: the saksøkt person', V1, BESLUTNING_1, { value: SYNTHETIC_DNR, kind: 'personidentifikator' }],
      ['beslutning 2.0: the skyldner', V2, BESLUTNING_2, { value: SYNTHETIC_DNR, kind: 'personidentifikator' }],
    ] as const)('%s', (_, contract, body, expected) => {
      expect(checkBodySubject(contract, body, TEST)).toEqual(expected);
    });

    it.each([
      ['oppslag without skyldner', OPPSLAG_CONTRACT, {}, '/skyldner/taxIdentificationNumber'],
      [
        'oppslag with an empty number',
        OPPSLAG_CONTRACT,
        { skyldner: { taxIdentificationNumber: '' } },
        '/skyldner/taxIdentificationNumber',
      ],
      ['oppslag whose skyldner is a string', OPPSLAG_CONTRACT, { skyldner: FNR }, '/skyldner/taxIdentificationNumber'],
      [
        'beslutning 1.0 without the person',
        V1,
        edited(BESLUTNING_1, '/saksoekt/saksoekt/person'),
        '/saksoekt/saksoekt/person/identifikator/taxIdentificationNumber',
      ],
      [
        'beslutning 2.0 sent as model 1.0 (the skyldner is not where 2.0 puts it)',
        V2,
        BESLUTNING_1,
        '/skyldner/taxIdentificationNumber',
      ],
      [
        'an inherited property is not the subject',
        OPPSLAG_CONTRACT,
        Object.create({ skyldner: { taxIdentificationNumber: FNR } }),
        '/skyldner/taxIdentificationNumber',
      ],
    ] as const)('%s is subject-missing', (_, contract, body, pointer) => {
      const problem = problemOf(() => checkBodySubject(contract as BodyContract, body, TEST));
      expect(problem).toMatchObject({ code: 'subject-missing', extensions: { pointer } });
    });

    it.each([
      ['a wrong mod 11 check digit', OPPSLAG_CONTRACT, '01029413158', TEST, 'invalid-check-digit'],
      ['a synthetic (Tenor) identity under prod rules', V2, SYNTHETIC_DNR, PROD, 'synthetic-not-allowed'],
      ['an impossible date (31 February)', V2, '31029410022', TEST, 'invalid-date'],
      ['an orgnr with a wrong check digit', OPPSLAG_CONTRACT, '312597773', TEST, 'invalid-check-digit'],
      ['an all-zero orgnr', OPPSLAG_CONTRACT, '000000000', TEST, 'all-zero'],
      ['an orgnr where only a person may be skyldner', V2, '312597772', TEST, 'not-eleven-digits'],
      ['ten digits where a company is allowed', OPPSLAG_CONTRACT, '0102941315', TEST, 'not-nine-or-eleven-digits'],
      ['a number instead of a string', OPPSLAG_CONTRACT, 1029413157, TEST, 'not-a-string'],
    ] as const)('%s is subject-invalid', (_, contract, value, options, reason) => {
      const body =
        contract === V2
          ? edited(BESLUTNING_2, '/skyldner/taxIdentificationNumber', value)
          : { skyldner: { taxIdentificationNumber: value } };
      const problem = problemOf(() => checkBodySubject(contract as BodyContract, body, options));
      expect(problem).toMatchObject({
        code: 'subject-invalid',
        extensions: { pointer: '/skyldner/taxIdentificationNumber', reason },
      });
      expect(problem.detail).not.toContain(String(value));
    });

    it('reads a stored body of either beslutning model, and nothing from another operation', () => {
      expect(storedBodySubject('utleggstrekk.send-beslutning', BESLUTNING_1)).toBe(SYNTHETIC_DNR);
      expect(storedBodySubject('utleggstrekk.send-beslutning', BESLUTNING_2)).toBe(SYNTHETIC_DNR);
      expect(storedBodySubject('utleggstrekk.oppslag-samordnet-trekk', OPPSLAG)).toBe('312597772');
      expect(storedBodySubject('inntekt.hent-inntekter', OPPSLAG)).toBeUndefined();
      expect(storedBodySubject('__proto__', OPPSLAG)).toBeUndefined();
      expect(storedBodySubject('utleggstrekk.send-beslutning', null)).toBeUndefined();
    });

    it('accepts a synthetic identity only when allowed (APP_ENV=test)', () => {
      expect(checkBodySubject(V1, BESLUTNING_1, TEST).kind).toBe('personidentifikator');
      expect(problemOf(() => checkBodySubject(V1, BESLUTNING_1, PROD)).code).toBe('subject-invalid');
    });
  });

  describe('refusals name the JSON pointer and the rule', () => {
    it.each([
      [
        'an unknown top-level field',
        OPPSLAG_CONTRACT,
        { ...OPPSLAG, ekstra: 1 },
        { pointer: '/ekstra', rule: 'additionalProperties' },
      ],
      [
        'an unknown nested field',
        OPPSLAG_CONTRACT,
        edited(OPPSLAG, '/skyldner/navn', 'x'),
        { pointer: '/skyldner/navn', rule: 'additionalProperties' },
      ],
      [
        'a foreign identifier',
        OPPSLAG_CONTRACT,
        edited(OPPSLAG, '/skyldner/landkodeIdentifikator', 'SE'),
        { pointer: '/skyldner/landkodeIdentifikator', rule: 'enum', detail: 'must be one of NO' },
      ],
      [
        'a missing underskrift (1.0)',
        V1,
        edited(BESLUTNING_1, '/underskrift'),
        { pointer: '/underskrift', rule: 'required', detail: 'is required' },
      ],
      [
        'a missing underskrift (2.0)',
        V2,
        edited(BESLUTNING_2, '/underskrift'),
        { pointer: '/underskrift', rule: 'required' },
      ],
      [
        'a claim field of the wrong type',
        V1,
        edited(BESLUTNING_1, '/kravTilInnkreving/0/opprinneligBeloep/beloep', '12469.14'),
        { pointer: '/kravTilInnkreving/0/opprinneligBeloep/beloep', rule: 'type', detail: 'must be number' },
      ],
      [
        'prioritetISak above 99 (2.0)',
        V2,
        edited(BESLUTNING_2, '/krav/0/prioritetISak', 100),
        { pointer: '/krav/0/prioritetISak', rule: 'maximum' },
      ],
      [
        'prioritetISak as text (2.0)',
        V2,
        edited(BESLUTNING_2, '/krav/0/prioritetISak', '1'),
        { pointer: '/krav/0/prioritetISak', rule: 'type' },
      ],
      [
        'prioritetDekningsloven outside a–e',
        V2,
        edited(BESLUTNING_2, '/krav/1/prioritetDekningsloven', 'f'),
        { pointer: '/krav/1/prioritetDekningsloven', rule: 'enum', detail: 'must be one of a, b, c, d, e' },
      ],
      ['no claims', V2, edited(BESLUTNING_2, '/krav', []), { pointer: '/krav', rule: 'minItems' }],
      [
        'a date that is not a date',
        V1,
        edited(BESLUTNING_1, '/beslutningsdato', '4. september 2025'),
        { pointer: '/beslutningsdato', rule: 'format' },
      ],
      [
        'an attachment without its file name',
        V1,
        edited(BESLUTNING_1, '/beslutning/filnavn'),
        { pointer: '/beslutning/filnavn', rule: 'required' },
      ],
      [
        'both a registered and a given address (2.0)',
        V2,
        edited(BESLUTNING_2, '/skyldner/adresse', ADRESSE),
        {
          pointer: '/skyldner',
          rule: 'oneOf',
          detail: 'must have exactly one of adresseLikFolkeregistrert (true), adresse or ukjentBosted',
        },
      ],
      [
        'no address at all (2.0)',
        V2,
        edited(BESLUTNING_2, '/skyldner/adresseLikFolkeregistrert'),
        { pointer: '/skyldner', rule: 'oneOf' },
      ],
      [
        'a prosessfullmektig without fullmakt or bevillingshaver (2.0)',
        V2,
        edited(BESLUTNING_2, '/prosessfullmektig/bevillingshaver'),
        { pointer: '/prosessfullmektig', rule: 'oneOf', detail: 'must have either fullmakt or bevillingshaver' },
      ],
      ['an array for the body', OPPSLAG_CONTRACT, [OPPSLAG], { pointer: '', rule: 'type', detail: 'must be object' }],
    ] as const)('%s', (_, contract, body, expected) => {
      const errors = bodyErrors(contract as BodyContract, body);
      expect(errors).toEqual([expect.objectContaining(expected)]);
      const problem = problemOf(() => assertBodyMatches(contract as BodyContract, body));
      expect(problem).toMatchObject({
        code: 'invalid-body',
        extensions: { model: (contract as BodyContract).model, errors },
      });
      expect(problem.detail).toContain(expected.pointer || 'the body');
    });

    it("leaves Skatteetaten's own semantic rules (attachment uuid, KID check digit) to Skatteetaten", () => {
      expect(bodyErrors(V1, edited(BESLUTNING_1, '/beslutning/uuid'))).toEqual([]);
      expect(bodyErrors(V1, edited(BESLUTNING_1, '/beslutning/uuid', 'not-a-uuid'))).toEqual([]);
      expect(bodyErrors(V1, edited(BESLUTNING_1, '/betalingsinformasjon/kidnummer', '2509937607'))).toEqual([]);
      expect(bodyErrors(V1, edited(BESLUTNING_1, '/betalingsinformasjon/kidnummer', '123456789-'))).toEqual([]);
    });

    it('a registered address given as false with an address of its own is one address (2.0)', () => {
      const body = edited(
        edited(BESLUTNING_2, '/skyldner/adresseLikFolkeregistrert', false),
        '/skyldner/adresse',
        ADRESSE,
      );
      expect(bodyErrors(V2, body)).toEqual([]);
    });

    it('escapes an unknown field name in its pointer (RFC 6901)', () => {
      expect(bodyErrors(OPPSLAG_CONTRACT, { ...OPPSLAG, 'a/b~c': 1 })).toEqual([
        { pointer: '/a~1b~0c', rule: 'additionalProperties', detail: 'is not a field of this model' },
      ]);
    });

    it('lists at most 20 errors and sums up the first three in the detail', () => {
      const body = { ...OPPSLAG, ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, i])) };
      const problem = problemOf(() => assertBodyMatches(OPPSLAG_CONTRACT, body));
      expect(problem.extensions.errors).toHaveLength(20);
      expect(problem.detail).toMatch(/\/f0 is not a field of this model; \/f1 .*; \/f2 .* \(and 27 more\)$/);
    });
  });
});
