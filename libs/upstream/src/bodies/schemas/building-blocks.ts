/**
 * The parts Skatteetaten's utleggstrekk bodies share, as JSON Schema. Every object is closed
 * (`additionalProperties: false`), so a field the model does not have is refused, never passed on.
 * `x-detail` says a rule in plain words where the keyword's own message would not.
 */
import type { SchemaObject } from 'ajv';

export type Schema = SchemaObject;

/** A closed object: only these properties, the listed ones required. */
export function object(properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema {
  return { type: 'object', additionalProperties: false, properties, required, ...extra };
}

export function array(items: Schema, maxItems: number, minItems = 0): Schema {
  return { type: 'array', items, minItems, maxItems };
}

export const text = (maxLength = 200): Schema => ({ type: 'string', minLength: 1, maxLength });
export const digits = (count: number): Schema => ({
  type: 'string',
  pattern: `^[0-9]{${count}}$`,
  'x-detail': `must be ${count} digits`,
});
export const date: Schema = { type: 'string', format: 'date', 'x-detail': 'must be a date as YYYY-MM-DD' };
export const dateTime: Schema = {
  type: 'string',
  format: 'date-time',
  'x-detail': 'must be an ISO 8601 date and time with offset',
};
export const flag: Schema = { type: 'boolean' };
/** Priority within the case, 1–99: a number in model 2.0, a numeric string in model 1.0's example. */
export const prioritetISak: Schema = { type: 'integer', minimum: 1, maximum: 99 };
export const prioritetISakText: Schema = {
  type: 'string',
  pattern: '^[1-9][0-9]?$',
  'x-detail': 'must be a priority from "1" to "99"',
};
/** Dekningsloven's priority classes. */
export const prioritetDekningsloven: Schema = { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] };

/**
 * Where the data subject's number sits. Its value is judged by the gateway's subject check (mod 11,
 * synthetic identities only in test) before the schema runs, so here it is only a string.
 */
export const subjectNumber: Schema = { type: 'string' };
/** The data subject's identifiers must be Norwegian. */
export const norwegian: Schema = { type: 'string', enum: ['NO'] };
export const landkode: Schema = {
  type: 'string',
  pattern: '^[A-Z]{2}$',
  'x-detail': 'must be an ISO 3166 alpha-2 country code',
};

export const beloep = object(
  {
    beloep: { type: 'number', minimum: 0 },
    valuta: { type: 'string', pattern: '^[A-Z]{3}$', 'x-detail': 'must be an ISO 4217 currency code' },
  },
  ['beloep', 'valuta'],
);

/**
 * An attachment uploaded to Skatteetaten beforehand, named by its uuid. That the uuid is there and
 * well-formed is Skatteetaten's semantic rule (422 VEDLEGG_SKAL_HA_UUID), not part of the syntax.
 */
export const vedlegg = object({ type: text(100), filnavn: text(255), uuid: { type: 'string', maxLength: 100 } }, [
  'type',
  'filnavn',
]);

export const kontaktinformasjon = object({
  epostAdresse: { type: 'string', format: 'email', maxLength: 254 },
  telefonnummer: { type: 'string', pattern: '^\\+?[0-9 ]{5,20}$', 'x-detail': 'must be a telephone number' },
});

export const personnavn = object({ fornavn: text(), mellomnavn: text(), etternavn: text() }, ['fornavn', 'etternavn']);

export const adresse = array(
  object(
    {
      adressetype: text(50),
      adresseInnland: object(
        { kommunenummer: digits(4), postnummer: digits(4), adressetekst: text(), poststedsnavn: text() },
        ['postnummer', 'adressetekst'],
      ),
    },
    ['adressetype', 'adresseInnland'],
  ),
  10,
  1,
);

/** An organisation as a party (saksøker, innsender, prosessfullmektig in model 1.0). */
export const virksomhetspart = object(
  {
    adresse,
    virksomhet: object(
      {
        navn: text(),
        identifikator: object({ taxIdentificationNumber: digits(9), landkodeIdentifikator: landkode }, [
          'taxIdentificationNumber',
        ]),
        virksomhetstype: text(100),
      },
      ['navn', 'identifikator'],
    ),
  },
  ['virksomhet'],
);

export const betalingsinformasjon = object(
  {
    betalingsmottaker: object(
      {
        taxIdentificationNumber: {
          type: 'string',
          pattern: '^([0-9]{9}|[0-9]{11})$',
          'x-detail': 'must be an orgnr or a personidentifikator',
        },
        landkodeIdentifikator: landkode,
      },
      ['taxIdentificationNumber'],
    ),
    norskKonto: flag,
    // Its check digit is Skatteetaten's rule (422 UGYLDIG_KID); MOD11 writes a check digit of 10 as '-'.
    kidnummer: { type: 'string', pattern: '^[0-9]{1,24}[0-9-]$', 'x-detail': 'must be a KID of 2 to 25 digits' },
    kontoinformasjon: object(
      {
        bankNavn: text(),
        landkodeBank: landkode,
        kontovaluta: { type: 'string', pattern: '^[A-Z]{3}$' },
        kontonummer: text(34),
      },
      ['kontonummer'],
    ),
  },
  ['betalingsmottaker', 'kontoinformasjon'],
);

export const valgtNamsmannsdistrikt = object({ namsmannsdistrikt: text(), begrunnelse: text(1000) }, [
  'namsmannsdistrikt',
]);

/** The fields of a claim that model 1.0's example shows; model 2.0 keeps them beside its own. */
export const kravFields = {
  kravforfall: object({ forfallsdato: date }, ['forfallsdato']),
  innsendersKravreferanse: text(100),
  opprinneligBeloep: beloep,
  gjenstaaendeBeloep: beloep,
  innbetaling: array(object({ bokfoertDato: date, beloep }, ['bokfoertDato', 'beloep']), 100),
  prioritetDekningsloven,
  kravdetaljer: text(100),
  kravbeskrivelse: text(1000),
  betalingsoppfordring: array(
    object({ betalingsfrist: date, betalingsoppfordring: vedlegg, brevdato: date }, ['betalingsoppfordring']),
    20,
  ),
  relatertKrav: array(text(100), 100),
  rentekrav: object({
    rentePeriode: object({ startdato: date, sluttdato: date }, ['startdato']),
    renteGrunnlag: beloep,
    beregnetMedForsinkelsesrente: flag,
    beregnetMedAvtaltRentesats: flag,
  }),
  rentebaerendeKrav: object({ harForsinkelsesrente: flag, prioritetISakFremtidigRentekrav: prioritetISak }),
} satisfies Record<string, Schema>;

export const KRAV_REQUIRED = [
  'innsendersKravreferanse',
  'opprinneligBeloep',
  'gjenstaaendeBeloep',
  'prioritetDekningsloven',
  'prioritetISak',
  'kravdetaljer',
];
