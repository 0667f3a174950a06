import { Injectable } from '@nestjs/common';
import type { ApiHandler, SimAnswer, SimRequest } from './api-handler.js';
import { FixtureStore } from './fixture-store.js';
import { PID } from './inntekt.handler.js';
import { SkatteetatenError, SUMMERT_API } from './skatteetaten-api.js';

const PATH = /^\/summertskattegrunnlag\/v2\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/;
const STADIER = ['oppgjoer', 'utkast', 'fastsatt'];
/** 2016 is no longer served (reference §2); the newest is the last completed income year of the fixtures. */
export const SUPPORTED_YEARS = { from: 2017, to: 2025 };

/** Summert skattegrunnlag API v2 (reference §2): `GET /v2/{stadie}/{rettighetspakke}/{inntektsaar}/{personidentifikator}`. */
@Injectable()
export class SummertSkattegrunnlagHandler implements ApiHandler {
  readonly api = SUMMERT_API;

  constructor(private readonly fixtures: FixtureStore) {}

  match(request: SimRequest): (() => SimAnswer) | undefined {
    const found = PATH.exec(request.path);
    if (!found || request.method !== 'GET') return undefined;
    return () => this.skattegrunnlag(found[1], found[2], found[3], found[4]);
  }

  private skattegrunnlag(stadie: string, rettighetspakke: string, inntektsaar: string, pid: string): SimAnswer {
    const invalid = (melding: string) => SkatteetatenError.of(this.api, 'validation', melding);
    if (!STADIER.includes(stadie)) throw invalid('stadie er ugyldig');
    if (rettighetspakke !== 'saernamsmann') throw invalid('rettighetspakke er ugyldig');
    if (stadie !== 'oppgjoer') throw invalid('Rettighetspakken har ikke tilgang til oppgitt stadie');
    const year = /^\d{4}$/.test(inntektsaar) ? Number(inntektsaar) : NaN;
    if (!(year >= SUPPORTED_YEARS.from && year <= SUPPORTED_YEARS.to))
      throw invalid('Oppgitt inntektsår er ikke støttet.');
    if (!PID.test(pid)) throw invalid('personidentifikator er ugyldig');
    if (!this.fixtures.knowsPerson(pid))
      throw SkatteetatenError.of(this.api, 'not-found', 'Fant ikke personidentifikator');
    const fixture = this.fixtures.skattegrunnlagFor(pid, inntektsaar);
    if (!fixture)
      throw SkatteetatenError.of(this.api, 'no-data', 'Fant ikke skattegrunnlag for gitt inntektsår og identifikator');
    return { status: 200, raw: fixture.raw, data: fixture.data, xmlRoot: 'skattegrunnlag' };
  }
}
