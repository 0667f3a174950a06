/**
 * Beslutning om utleggstrekk fra kommune, models 1.0 and 2.0. Model 1.0 follows Skatteetaten's
 * example (../shared/specs/utleggstrekk-kommune-api/beslutning-om-trekk-fra-kommune-v1.json);
 * model 2.0 the field list of the reference (skatteetaten-apis.md §3), spelled like model 1.0
 * (oe/aa/ae for ø/å/æ). Names the reference does not give (the kommune's `organisasjonsnummer`,
 * `kontaktinformasjon`) are ours until Skatteetaten's v2 example can be compared.
 */
import {
  adresse,
  array,
  betalingsinformasjon,
  dateTime,
  date,
  digits,
  flag,
  kontaktinformasjon,
  KRAV_REQUIRED,
  kravFields,
  norwegian,
  object,
  personnavn,
  prioritetISak,
  prioritetISakText,
  subjectNumber,
  text,
  valgtNamsmannsdistrikt,
  vedlegg,
  virksomhetspart,
} from './building-blocks.js';

const innsender = object(
  {
    innsender: virksomhetspart,
    innsendersProsessfullmektig: object(
      { prosessfullmektig: virksomhetspart, bevillingshaver: object({ navn: personnavn }, ['navn']) },
      ['prosessfullmektig'],
    ),
    saksbehandler: text(),
    saksbehandlersKontaktinformasjon: kontaktinformasjon,
  },
  ['innsender'],
);

/** Model 1.0: the saksøkt is a person with a Norwegian identifier (utleggstrekk is a deduction from pay). */
export const BESLUTNING_1_0 = object(
  {
    saksoeker: array(
      object({ saksoeker: virksomhetspart, saksoekerKontaktinformasjon: kontaktinformasjon, innsender }, ['saksoeker']),
      10,
      1,
    ),
    saksoekt: object(
      {
        saksoekt: object(
          {
            adresse,
            person: object(
              {
                personnavn,
                foedselsdato: date,
                identifikator: object({ taxIdentificationNumber: subjectNumber, landkodeIdentifikator: norwegian }, [
                  'taxIdentificationNumber',
                ]),
              },
              ['identifikator'],
            ),
          },
          ['person'],
        ),
      },
      ['saksoekt'],
    ),
    underskrift: text(),
    beslutningsdato: dateTime,
    kravTilInnkreving: array(object({ ...kravFields, prioritetISak: prioritetISakText }, KRAV_REQUIRED), 100, 1),
    betalingsinformasjon,
    beslutning: vedlegg,
    saksreferanse: text(100),
    innsenderReferanse: text(100),
    valgtNamsmannsdistrikt,
  },
  ['saksoeker', 'saksoekt', 'underskrift', 'beslutningsdato', 'kravTilInnkreving', 'beslutning'],
);

const oneOfRequired = (names: string[], detail: string) => ({
  oneOf: names.map((name) => ({ required: [name] })),
  'x-detail': detail,
});

/** Model 2.0: the skyldner is a person (fnr or d-nummer) whose address is the registered one, given, or unknown. */
export const BESLUTNING_2_0 = object(
  {
    kommune: object({ organisasjonsnummer: digits(9), kontaktinformasjon, saksbehandler: text() }, [
      'organisasjonsnummer',
    ]),
    skyldner: object(
      {
        taxIdentificationNumber: subjectNumber,
        landkodeIdentifikator: norwegian,
        personnavn,
        foedselsdato: date,
        adresseLikFolkeregistrert: flag,
        adresse,
        ukjentBosted: flag,
      },
      ['taxIdentificationNumber'],
      {
        oneOf: [
          { required: ['adresseLikFolkeregistrert'], properties: { adresseLikFolkeregistrert: { const: true } } },
          { required: ['adresse'] },
          { required: ['ukjentBosted'] },
        ],
        'x-detail': 'must have exactly one of adresseLikFolkeregistrert (true), adresse or ukjentBosted',
      },
    ),
    prosessfullmektig: object(
      {
        taxIdentificationNumber: digits(11),
        orgnummerProsessfullmektig: digits(9),
        personnavn,
        fullmakt: vedlegg,
        bevillingshaver: object({ navn: personnavn }, ['navn']),
      },
      ['taxIdentificationNumber', 'orgnummerProsessfullmektig'],
      oneOfRequired(['fullmakt', 'bevillingshaver'], 'must have either fullmakt or bevillingshaver'),
    ),
    betalingsinformasjon,
    valgtNamsmannsdistrikt,
    krav: array(object({ ...kravFields, kravgrunnlagsidentifikator: text(100), prioritetISak }, KRAV_REQUIRED), 100, 1),
    beslutning: vedlegg,
    beslutningsdato: dateTime,
    underskrift: text(),
    innsendersReferanse: text(100),
    saksreferanse: text(100),
    beslutningsdatoTrekkEtterGammeltRegelverk: date,
  },
  ['kommune', 'skyldner', 'krav', 'beslutning', 'beslutningsdato', 'underskrift'],
);
