import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { beslutningBreaches, isValidKid, isValidKontonummer } from './beslutning-rules.js';

const example = JSON.parse(
  readFileSync('apps/simulator/fixtures/skatteetaten/examples/beslutning-om-trekk-fra-kommune-v1.json', 'utf8'),
) as Record<string, unknown>;
const betaling = example.betalingsinformasjon as Record<string, unknown>;
const EXAMPLE_UUID = (example.beslutning as { uuid: string }).uuid;
/** As if the example's document had been uploaded (and nothing else). */
const issued = (uuid: string) => uuid === EXAMPLE_UUID;

describe('the simulated beslutning rules', () => {
  it('finds nothing wrong with the published example', () => {
    expect(beslutningBreaches(example, issued)).toEqual([]);
  });

  it('refuses a well-formed uuid the simulator never issued (VEDLEGG_SKAL_HA_UUID)', () => {
    expect(beslutningBreaches(example, () => false).map((breach) => breach.vilkaarnavn)).toEqual([
      'VEDLEGG_SKAL_HA_UUID',
    ]);
  });

  it('names every rule a beslutning breaks', () => {
    const broken = {
      ...example,
      beslutning: { type: 'tvangsgrunnlag', filnavn: 'tvangsgrunnlag' },
      betalingsinformasjon: {
        ...betaling,
        kidnummer: '2509937607',
        kontoinformasjon: { ...(betaling.kontoinformasjon as object), kontonummer: '69930570045' },
      },
    };
    expect(beslutningBreaches(broken, issued).map((breach) => breach.vilkaarnavn)).toEqual([
      'VEDLEGG_SKAL_HA_UUID',
      'UGYLDIG_KONTONR',
      'UGYLDIG_KID',
    ]);
  });

  it('checks account numbers by mod 11 and KID by MOD10 or MOD11', () => {
    expect(isValidKontonummer('69930570044')).toBe(true);
    expect(isValidKontonummer('6993057004')).toBe(false);
    expect(isValidKid('2509937609')).toBe(true); // MOD10
    expect(isValidKid('2509937608')).toBe(true); // MOD11
    expect(isValidKid('2509937607')).toBe(false);
    expect(isValidKid('12345678903')).toBe(true); // MOD11: weights 2..7 from the right give 3
    expect(isValidKid('1234567890-')).toBe(false);
    expect(isValidKid('abc')).toBe(false);
  });
});
