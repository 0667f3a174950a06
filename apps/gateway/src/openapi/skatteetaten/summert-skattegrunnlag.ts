/**
 * The 200 answer of Summert skattegrunnlag API V2 as an OpenAPI schema. Skatteetaten publishes
 * V2's schema only in SwaggerHub; this one is written from its example
 * (summert-skattegrunnlag-example.ts) and the documentation's field list (reference §2). Which
 * `tekniskNavn` and `spesifisering` fields exist changes every income year without a new API
 * version, so those objects stay open.
 */
const grunnlag = {
  type: 'object',
  properties: {
    tekniskNavn: { type: 'string', description: 'The item of the tax basis; the code list changes each income year' },
    beloep: { type: 'number' },
    kategori: {
      type: 'string',
      description:
        'inntekt, formue, inntektsfradrag, formuesfradrag, verdsettingsrabattSomGirGjeldsreduksjon, oppjusteringAvEierinntekter, or "-" for totals',
    },
    spesifisering: {
      type: 'array',
      items: {
        type: 'object',
        properties: { type: { type: 'string', description: 'e.g. Konto, Eiendom, Kjoeretoey, LoennOgTilsvarendeYtelser' } },
        required: ['type'],
        additionalProperties: true,
      },
    },
    andelSkattefritt: { type: 'number' },
    andelOverfoertFraBarn: { type: 'number' },
  },
  required: ['tekniskNavn'],
  additionalProperties: true,
};

export const SUMMERT_SKATTEGRUNNLAG_SCHEMAS: Record<string, Record<string, unknown>> = {
  SummertSkattegrunnlagGrunnlag: grunnlag,
  SummertSkattegrunnlag: {
    type: 'object',
    properties: {
      personidentifikator: { type: 'string', pattern: '^[0-9]{11}$' },
      inntektsaar: { type: 'string', pattern: '^[0-9]{4}$' },
      stadie: { type: 'string', enum: ['oppgjoer', 'utkast', 'fastsatt'] },
      skjermet: {
        type: 'boolean',
        description: 'The person has a protected address: the answer may be reduced or empty',
      },
      skatteoppgjoersdato: { type: 'string', format: 'date' },
      ajourholdstidspunkt: { type: 'string', format: 'date-time' },
      grunnlag: { type: 'array', items: { $ref: '#/components/schemas/SummertSkattegrunnlagGrunnlag' } },
      svalbardGrunnlag: { type: 'array', items: { $ref: '#/components/schemas/SummertSkattegrunnlagGrunnlag' } },
      kildeskattPaaLoennGrunnlag: {
        type: 'array',
        items: { $ref: '#/components/schemas/SummertSkattegrunnlagGrunnlag' },
      },
      skjoennsfastsatt: { type: 'boolean' },
      svalbardSkjoennsfastsatt: { type: 'boolean' },
    },
    additionalProperties: true,
  },
};
