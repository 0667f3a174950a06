import type { BeslutningModel } from '#core';
import { BESLUTNING_1_0, BESLUTNING_2_0 } from './schemas/beslutning.schema.js';
import type { Schema } from './schemas/building-blocks.js';
import { OPPSLAG_SAMORDNET_TREKK_1_0 } from './schemas/oppslag-samordnet-trekk.schema.js';

/** Where a body names the person (or company) it is about, and what kind of number it may be. */
export interface SubjectLocation {
  /** JSON pointer (RFC 6901) to the identifier. */
  pointer: string;
  /** A company (orgnr) may be the subject where Skatteetaten allows one; otherwise only a fødselsnummer or d-nummer. */
  organisationAllowed: boolean;
}

/**
 * What a body-carrying catalogue operation accepts: one model's JSON Schema and one subject
 * location, so the data subject is read where the model puts it, never guessed.
 */
export interface BodyContract {
  /** Skatteetaten's name of the model, quoted in refusals. */
  model: string;
  schema: Schema;
  subject: SubjectLocation;
}

export const OPPSLAG_CONTRACT: BodyContract = {
  model: 'Oppslag samordnet trekk fra kommune 1.0',
  schema: OPPSLAG_SAMORDNET_TREKK_1_0,
  subject: { pointer: '/skyldner/taxIdentificationNumber', organisationAllowed: true },
};

export const BESLUTNING_CONTRACTS: Readonly<Record<BeslutningModel, BodyContract>> = {
  '1.0': {
    model: 'Beslutning om trekk fra kommune 1.0',
    schema: BESLUTNING_1_0,
    subject: { pointer: '/saksoekt/saksoekt/person/identifikator/taxIdentificationNumber', organisationAllowed: false },
  },
  '2.0': {
    model: 'Beslutning om utleggstrekk fra kommune 2.0',
    schema: BESLUTNING_2_0,
    subject: { pointer: '/skyldner/taxIdentificationNumber', organisationAllowed: false },
  },
};

/** Every contract a catalogue operation's body can have been checked against, whichever model is configured now. */
export const BODY_CONTRACTS: Readonly<Record<string, readonly BodyContract[]>> = {
  'utleggstrekk.oppslag-samordnet-trekk': [OPPSLAG_CONTRACT],
  'utleggstrekk.send-beslutning': Object.values(BESLUTNING_CONTRACTS),
};
