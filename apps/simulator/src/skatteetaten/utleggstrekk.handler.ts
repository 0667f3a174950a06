import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ApiHandler, answerOf, type SimAnswer, type SimRequest } from './api-handler.js';
import { BeslutningRegistry } from './beslutning-registry.js';
import { beslutningBreaches } from './beslutning-rules.js';
import { FixtureStore } from './fixture-store.js';
import { SamordnetTrekkAnswers } from './samordnet-trekk-control.controller.js';
import { SkatteetatenError, UTLEGGSTREKK_API } from './skatteetaten-api.js';
import { VedleggStore } from './vedlegg-store.js';

const PARTY = /^(\d{9}|\d{11})$/;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Utleggstrekkbeslutning fra kommune (reference §3). Paths, the oppslag answer's field names
 * (`skyldner`, `harSamordnetTrekk`), the receipt (`{id, status: "mottatt", korrelasjonsid}`) and the
 * 422 list (`[{vilkaarnavn, melding, korrelasjonsid}]`, every rule broken: beslutning-rules.ts) are the simulator's assumptions: Skatteetaten's are unpublished.
 * So is the vedlegg upload: the raw PDF as `application/pdf` to `/v1/vedlegg`, answered `201 {uuid}`.
 */
@Injectable()
export class UtleggstrekkHandler implements ApiHandler {
  readonly api = UTLEGGSTREKK_API;

  constructor(
    private readonly fixtures: FixtureStore,
    private readonly beslutninger: BeslutningRegistry,
    private readonly answers: SamordnetTrekkAnswers,
    private readonly vedlegg: VedleggStore,
  ) {}

  match(request: SimRequest): (() => SimAnswer) | undefined {
    if (request.method !== 'POST') return undefined;
    if (request.path === '/utleggstrekk/v1/oppslag/samordnettrekk') return () => this.oppslag(request.body);
    if (request.path === '/utleggstrekk/v1/beslutninger') return () => this.beslutning(request.body);
    if (request.path === '/utleggstrekk/v1/vedlegg') return () => this.upload(request.body);
    return undefined;
  }

  /** A PDF (by its first bytes) gets a uuid a beslutning can reference; anything else is refused. */
  private upload(body: unknown): SimAnswer {
    if (!Buffer.isBuffer(body) || !body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      throw SkatteetatenError.of(this.api, 'validation', 'Vedlegget må være en PDF sendt som application/pdf');
    }
    const { uuid } = this.vedlegg.accept(body);
    return answerOf(201, { uuid }, 'vedlegg');
  }

  private oppslag(body: unknown): SimAnswer {
    const skyldner = isObject(body) ? body.skyldner : undefined;
    const party = isObject(skyldner) ? skyldner.taxIdentificationNumber : undefined;
    if (!isObject(skyldner) || typeof party !== 'string' || !PARTY.test(party)) {
      throw SkatteetatenError.of(
        this.api,
        'validation',
        'skyldner.taxIdentificationNumber må være et fødselsnummer, d-nummer eller organisasjonsnummer',
      );
    }
    const landkodeIdentifikator = skyldner.landkodeIdentifikator ?? 'NO';
    const set = this.answers.answerFor(party);
    if (set !== undefined)
      return answerOf(
        200,
        { skyldner: { landkodeIdentifikator, taxIdentificationNumber: party }, harSamordnetTrekk: set },
        'samordnetTrekk',
      );
    const fixture = this.fixtures.samordnetTrekkFor(party);
    if (fixture) return { status: 200, raw: fixture.raw, data: fixture.data, xmlRoot: 'samordnetTrekk' };
    return answerOf(
      200,
      { skyldner: { landkodeIdentifikator, taxIdentificationNumber: party }, harSamordnetTrekk: false },
      'samordnetTrekk',
    );
  }

  private beslutning(body: unknown): SimAnswer {
    if (!isObject(body) || !('beslutningsdato' in body || 'kravTilInnkreving' in body || 'krav' in body)) {
      throw SkatteetatenError.of(this.api, 'validation', 'Beslutningen mangler beslutningsdato og krav');
    }
    const reference = body.innsenderReferanse ?? body.innsendersReferanse;
    const innsenderReferanse = typeof reference === 'string' ? reference : undefined;
    const breaches = beslutningBreaches(body, (uuid) => this.vedlegg.isIssued(uuid));
    if (this.beslutninger.isDuplicate(innsenderReferanse)) {
      breaches.unshift({
        vilkaarnavn: 'DUPLIKAT_INNSENDING',
        melding: 'En beslutning med samme innsenderReferanse er allerede mottatt',
      });
    }
    if (breaches.length > 0) {
      const korrelasjonsid = randomUUID();
      return answerOf(
        422,
        breaches.map((breach) => ({ ...breach, korrelasjonsid })),
        'vilkaarsbrudd',
        'vilkaar',
      );
    }
    const registered = this.beslutninger.register(innsenderReferanse);
    return answerOf(201, { id: registered.id, status: 'mottatt', korrelasjonsid: randomUUID() }, 'kvittering');
  }
}
