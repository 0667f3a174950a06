/**
 * Summert skattegrunnlag API V2: Skatteetaten's example answer for inntektsår 2025, copied
 * unchanged from Skatteetaten/api-dokumentasjon (`docs/api/summertskattegrunnlag.md`, Feb 2026;
 * synthetic Tenor person). Skatteetaten publishes no JSON Schema of V2 outside SwaggerHub; the
 * schema in summert-skattegrunnlag.ts is written from this example and the field list of the
 * documentation.
 */

/** The V2 example answer, inntektsår 2025. */
export const SUMMERT_SKATTEGRUNNLAG_EXAMPLE = {
  "personidentifikator": "13819699571",
  "inntektsaar": "2025",
  "grunnlag": [
    {
      "tekniskNavn": "samledeOpptjenteRenterIInnenlandskeBanker",
      "beloep": 1331,
      "spesifisering": [
        {
          "type": "Konto",
          "kontonummer": "08346505509",
          "bankensNavn": "PRAGMATISK BLØT STRUTS S.A.",
          "organisasjonsnummer": "213017802",
          "innskudd": 66574,
          "opptjenteRenter": 1331,
          "gjeld": 865203,
          "paaloepteRenter": 25956,
          "prosentandelAvGjeldOgPaaloepteRenter": 100.0,
          "andelAvGjeld": 865203,
          "andelAvPaaloepteRenter": 25956,
          "andelAvInnskudd": 66574,
          "andelAvOpptjenteRenter": 1331
        }
      ],
      "kategori": "inntekt"
    },
    {
      "tekniskNavn": "gjeldIInnenlandskeBanker",
      "beloep": 865203,
      "spesifisering": [
        {
          "type": "Konto",
          "kontonummer": "08346505509",
          "bankensNavn": "PRAGMATISK BLØT STRUTS S.A.",
          "organisasjonsnummer": "213017802",
          "innskudd": 66574,
          "opptjenteRenter": 1331,
          "gjeld": 865203,
          "paaloepteRenter": 25956,
          "prosentandelAvGjeldOgPaaloepteRenter": 100.0,
          "andelAvGjeld": 865203,
          "andelAvPaaloepteRenter": 25956,
          "andelAvInnskudd": 66574,
          "andelAvOpptjenteRenter": 1331
        }
      ],
      "kategori": "formuesfradrag"
    },
    {
      "tekniskNavn": "samletOverskuddPaaUtgiftsgodtgjoerelse",
      "beloep": 25416,
      "kategori": "inntekt"
    },
    {
      "tekniskNavn": "samledePaaloepteRenterPaaGjeldIInnenlandskeBanker",
      "beloep": 25956,
      "spesifisering": [
        {
          "type": "Konto",
          "kontonummer": "08346505509",
          "bankensNavn": "PRAGMATISK BLØT STRUTS S.A.",
          "organisasjonsnummer": "213017802",
          "innskudd": 66574,
          "opptjenteRenter": 1331,
          "gjeld": 865203,
          "paaloepteRenter": 25956,
          "prosentandelAvGjeldOgPaaloepteRenter": 100.0,
          "andelAvGjeld": 865203,
          "andelAvPaaloepteRenter": 25956,
          "andelAvInnskudd": 66574,
          "andelAvOpptjenteRenter": 1331
        }
      ],
      "kategori": "inntektsfradrag"
    },
    {
      "tekniskNavn": "samletGjeld",
      "beloep": 865203,
      "kategori": "-"
    },
    {
      "tekniskNavn": "innskudd",
      "beloep": 66574,
      "spesifisering": [
        {
          "type": "Konto",
          "kontonummer": "08346505509",
          "bankensNavn": "PRAGMATISK BLØT STRUTS S.A.",
          "organisasjonsnummer": "213017802",
          "innskudd": 66574,
          "opptjenteRenter": 1331,
          "gjeld": 865203,
          "paaloepteRenter": 25956,
          "prosentandelAvGjeldOgPaaloepteRenter": 100.0,
          "andelAvGjeld": 865203,
          "andelAvPaaloepteRenter": 25956,
          "andelAvInnskudd": 66574,
          "andelAvOpptjenteRenter": 1331
        }
      ],
      "kategori": "formue"
    },
    {
      "tekniskNavn": "sumInntekterIAlminneligInntektFoerFordelingsfradrag",
      "beloep": 687264,
      "kategori": "-"
    },
    {
      "tekniskNavn": "samletGrunnlagForInntektsskattTilKommuneOgFylkeskommuneStatsskattOgFellesskatt",
      "beloep": 569308,
      "kategori": "-"
    },
    {
      "tekniskNavn": "samletLoennsinntektMedTrygdeavgiftspliktOgMedTrekkplikt",
      "beloep": 660517,
      "spesifisering": [
        {
          "type": "LoennOgTilsvarendeYtelser",
          "arbeidsgiversNavn": "LEKKER OFFISIELL TIGER AS",
          "organisasjonsnummer": "313874788",
          "beloep": 368317
        },
        {
          "type": "LoennOgTilsvarendeYtelser",
          "arbeidsgiversNavn": "REFLEKTERENDE OVERNATURLIG PIGGSVIN",
          "organisasjonsnummer": "311169254",
          "beloep": 292200
        }
      ],
      "kategori": "inntekt"
    },
    {
      "tekniskNavn": "bruttoformue",
      "beloep": 66574,
      "kategori": "-"
    },
    {
      "tekniskNavn": "sumFradragIAlminneligInntekt",
      "beloep": 117956,
      "kategori": "-"
    }
  ],
  "skjermet": false,
  "skatteoppgjoersdato": "2026-02-09",
  "stadie": "oppgjoer",
  "ajourholdstidspunkt": "2026-02-09T09:15:08.726Z"
};
