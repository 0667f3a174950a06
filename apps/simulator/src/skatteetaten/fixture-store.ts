import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';

/** A fixture file: its exact bytes (served as-is) and its parsed content. */
export interface Fixture {
  raw: string;
  data: unknown;
}

/** apps/simulator/fixtures/skatteetaten, from the sources (tests) or from dist/ (built process). */
function fixtureRoot(): string {
  const candidates = ['../../fixtures/skatteetaten/', '../../../../../apps/simulator/fixtures/skatteetaten/'].map(
    (relative) => fileURLToPath(new URL(relative, import.meta.url)),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`simulator fixtures not found (looked in ${candidates.join(', ')})`);
  return found;
}

function loadDir(root: string, api: string): Map<string, Fixture> {
  const fixtures = new Map<string, Fixture>();
  for (const file of readdirSync(join(root, api)).filter((name) => name.endsWith('.json'))) {
    const raw = readFileSync(join(root, api, file), 'utf8');
    fixtures.set(file.slice(0, -'.json'.length), { raw, data: JSON.parse(raw) as unknown });
  }
  return fixtures;
}

/**
 * Synthetic persons and parties, read once at start from apps/simulator/fixtures/skatteetaten:
 * `inntekt/<pid>.json`, `summertskattegrunnlag/<pid>-<year>.json`, `utleggstrekk/<party>.json`.
 */
@Injectable()
export class FixtureStore {
  private readonly inntekt: Map<string, Fixture>;
  private readonly summert: Map<string, Fixture>;
  private readonly samordnetTrekk: Map<string, Fixture>;
  private readonly persons = new Set<string>();

  constructor() {
    const root = fixtureRoot();
    this.inntekt = loadDir(root, 'inntekt');
    this.summert = loadDir(root, 'summertskattegrunnlag');
    this.samordnetTrekk = loadDir(root, 'utleggstrekk');
    for (const pid of this.inntekt.keys()) this.persons.add(pid);
    for (const key of this.summert.keys()) this.persons.add(key.split('-')[0]);
  }

  /** Whether Skatteetaten knows the person at all (else IM-007 / SSG-007). */
  knowsPerson(pid: string): boolean {
    return this.persons.has(pid);
  }

  inntektFor(pid: string): Fixture | undefined {
    return this.inntekt.get(pid);
  }

  skattegrunnlagFor(pid: string, inntektsaar: string): Fixture | undefined {
    return this.summert.get(`${pid}-${inntektsaar}`);
  }

  samordnetTrekkFor(party: string): Fixture | undefined {
    return this.samordnetTrekk.get(party);
  }
}
