import { norwegian, object, subjectNumber } from './building-blocks.js';

/**
 * Oppslag samordnet trekk fra kommune 1.0: from Skatteetaten's example
 * (../shared/specs/utleggstrekk-kommune-api/oppslag-samordnet-trekk-kommune.json).
 * The skyldner is a person or, as in the example, a company.
 */
export const OPPSLAG_SAMORDNET_TREKK_1_0 = object(
  {
    skyldner: object({ taxIdentificationNumber: subjectNumber, landkodeIdentifikator: norwegian }, [
      'taxIdentificationNumber',
    ]),
  },
  ['skyldner'],
);
