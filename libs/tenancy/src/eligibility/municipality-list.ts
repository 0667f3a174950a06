import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import { Orgnr } from '#core';

/** A municipality's main entity in Enhetsregisteret, with its kommunenummer and name. */
export interface Municipality {
  orgnr: string;
  municipalityNumber: string;
  name: string;
}

/** libs/tenancy/data/kommuner.csv, from the sources (tests) or from dist/ (built process, image). */
function listFile(): string {
  const candidates = ['../../data/kommuner.csv', '../../../../../libs/tenancy/data/kommuner.csv'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`the list of municipalities is missing (looked in ${candidates.join(', ')})`);
  return found;
}

/** Parses `organisasjonsnummer;kommunenummer;kommunenavn` lines; a malformed line stops the process at start. */
export function parseMunicipalities(text: string): Municipality[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (header !== 'organisasjonsnummer;kommunenummer;kommunenavn') throw new Error('kommuner.csv: unexpected header');
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const [orgnr, municipalityNumber, name] = line.split(';');
    if (!Orgnr.isValid(orgnr ?? '') || !/^\d{4}$/.test(municipalityNumber ?? '') || !name) {
      throw new Error(`kommuner.csv line ${index + 2} is malformed`);
    }
    for (const key of [`orgnr ${orgnr}`, `kommunenummer ${municipalityNumber}`]) {
      if (seen.has(key)) throw new Error(`kommuner.csv line ${index + 2} names ${key} twice`);
      seen.add(key);
    }
    return { orgnr, municipalityNumber, name };
  });
}

/**
 * The municipalities a tenant may be (README "Eligibility"): SSB's 2020-2023 list with the 2024
 * changes applied (libs/tenancy/data/SOURCES.md). Read once; the operator overrides it per
 * tenant with a recorded reason for what it cannot know (a new municipality, a merger in progress).
 */
@Injectable()
export class MunicipalityList {
  private readonly byOrgnr: ReadonlyMap<string, Municipality>;

  constructor() {
    this.byOrgnr = new Map(parseMunicipalities(readFileSync(listFile(), 'utf8')).map((entry) => [entry.orgnr, entry]));
  }

  find(orgnr: string): Municipality | undefined {
    return this.byOrgnr.get(orgnr);
  }

  get size(): number {
    return this.byOrgnr.size;
  }
}
