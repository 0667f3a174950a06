/**
 * The answers of the utleggstrekk API. Skatteetaten has published their shape only in SwaggerHub
 * (reference §3, "Uncertain (utlegg)"): the gateway passes them through unchanged, so these schemas
 * name only what the platform itself relies on and leave the rest open.
 */
export function utleggstrekkSchemas(samordnetTrekkField: string): Record<string, Record<string, unknown>> {
  return {
    SamordnetTrekk: {
      type: 'object',
      description: `The queried party and whether it has or has had trekk under the new regime (the field \`${samordnetTrekkField}\`, UTLEGGSTREKK_SAMORDNET_TREKK_FIELD).`,
      properties: {
        skyldner: {
          type: 'object',
          properties: { taxIdentificationNumber: { type: 'string' }, landkodeIdentifikator: { type: 'string' } },
        },
        [samordnetTrekkField]: { type: 'boolean' },
      },
      additionalProperties: true,
    },
    VedleggKvittering: {
      type: 'object',
      description: "Skatteetaten's answer to an upload: the uuid a registration references the document by (`beslutning.uuid` and other vedlegg).",
      properties: { uuid: { type: 'string' } },
      required: ['uuid'],
      additionalProperties: true,
    },
    BeslutningKvittering: {
      type: 'object',
      description: "Skatteetaten's receipt for a registration, passed through unchanged.",
      properties: { id: { type: 'string' }, status: { type: 'string' }, korrelasjonsid: { type: 'string' } },
      additionalProperties: true,
    },
  };
}
