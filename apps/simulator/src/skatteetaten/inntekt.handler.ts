import { Injectable } from '@nestjs/common';
import { type ApiHandler, answerOf, type SimAnswer, type SimRequest } from './api-handler.js';
import { FixtureStore } from './fixture-store.js';
import { INNTEKT_API, SkatteetatenError } from './skatteetaten-api.js';

const PATH = /^\/inntekt\/v1\/([^/]+)\/([^/]+)\/inntekter$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const PID = /^\d{11}$/;

/** Inntekt API v1 (reference §1): `GET /v1/{rettighetspakke}/{personidentifikator}/inntekter?fraOgMed&tilOgMed`. */
@Injectable()
export class InntektHandler implements ApiHandler {
  readonly api = INNTEKT_API;

  constructor(private readonly fixtures: FixtureStore) {}

  match(request: SimRequest): (() => SimAnswer) | undefined {
    const found = PATH.exec(request.path);
    if (!found || request.method !== 'GET') return undefined;
    return () => this.inntekter(found[1], found[2], request.query);
  }

  private inntekter(rettighetspakke: string, pid: string, query: Record<string, unknown>): SimAnswer {
    const invalid = (melding: string) => SkatteetatenError.of(this.api, 'validation', melding);
    if (rettighetspakke !== 'saernamsmann') throw invalid('rettighetspakke er ugyldig');
    if (!PID.test(pid)) throw invalid('personidentifikator er ugyldig');
    const fraOgMed = query.fraOgMed;
    const tilOgMed = query.tilOgMed ?? fraOgMed;
    if (typeof fraOgMed !== 'string' || !MONTH.test(fraOgMed))
      throw invalid('fraOgMed må være en gyldig måned (ÅÅÅÅ-MM)');
    if (typeof tilOgMed !== 'string' || !MONTH.test(tilOgMed))
      throw invalid('tilOgMed må være en gyldig måned (ÅÅÅÅ-MM)');
    if (tilOgMed < fraOgMed) throw invalid('tilOgMed kan ikke være før fraOgMed');
    if (!this.fixtures.knowsPerson(pid))
      throw SkatteetatenError.of(this.api, 'not-found', 'Fant ikke personidentifikator');
    const fixture = this.fixtures.inntektFor(pid);
    const all =
      (fixture?.data as { oppgaveInntektsmottaker?: Array<{ kalendermaaned?: string }> } | undefined)
        ?.oppgaveInntektsmottaker ?? [];
    const inPeriod = all.filter(
      (oppgave) =>
        oppgave.kalendermaaned !== undefined &&
        oppgave.kalendermaaned >= fraOgMed &&
        oppgave.kalendermaaned <= tilOgMed,
    );
    if (!fixture || inPeriod.length === 0)
      throw SkatteetatenError.of(this.api, 'no-data', 'Fant ingen inntekter for personidentifikator i perioden');
    // The whole fixture is in the period: its bytes as they are; otherwise only the months asked for.
    if (inPeriod.length === all.length)
      return { status: 200, raw: fixture.raw, data: fixture.data, xmlRoot: 'inntekter' };
    return answerOf(200, { ...(fixture.data as object), oppgaveInntektsmottaker: inPeriod }, 'inntekter');
  }
}
