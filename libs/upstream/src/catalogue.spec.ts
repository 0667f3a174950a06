import { describe, expect, it } from '@jest/globals';
import { buildCatalogue, expandPath, matchOperation } from './catalogue.js';
import { EnvReader, loadUpstream } from '#core';

function catalogueFrom(env: Record<string, string> = {}) {
  const read = new EnvReader(env);
  const config = loadUpstream(read, 'http://127.0.0.1:3100');
  return { catalogue: buildCatalogue(config), problems: read.problems };
}

describe('API catalogue', () => {
  const { catalogue } = catalogueFrom();

  it.each([
    [
      'inntekt',
      'GET',
      '/v1/saernamsmann/01029413157/inntekter',
      'inntekt.hent-inntekter',
      { rettighetspakke: 'saernamsmann', personidentifikator: '01029413157' },
    ],
    [
      'summertskattegrunnlag',
      'GET',
      '/v2/oppgjoer/saernamsmann/2025/13819699571',
      'summertskattegrunnlag.hent-skattegrunnlag',
      { stadie: 'oppgjoer', rettighetspakke: 'saernamsmann', inntektsaar: '2025', personidentifikator: '13819699571' },
    ],
    ['utleggstrekk', 'POST', '/v1/oppslag/samordnettrekk', 'utleggstrekk.oppslag-samordnet-trekk', {}],
    ['utleggstrekk', 'post', '/v1/beslutninger/', 'utleggstrekk.send-beslutning', {}],
    ['utleggstrekk', 'POST', '/v1/vedlegg', 'utleggstrekk.last-opp-vedlegg', {}],
    // Shape only: a wrong rettighetspakke still matches, and the policy refuses it with its own code.
    [
      'inntekt',
      'GET',
      '/v1/ssb/01029413157/inntekter',
      'inntekt.hent-inntekter',
      { rettighetspakke: 'ssb', personidentifikator: '01029413157' },
    ],
  ])('%s %s %s is %s', (api, method, path, id, params) => {
    const matched = matchOperation(catalogue, api, method, path);
    expect(matched?.operation.id).toBe(id);
    expect(matched?.params).toEqual(params);
  });

  it.each([
    ['inntekt', 'POST', '/v1/saernamsmann/01029413157/inntekter'],
    ['inntekt', 'GET', '/v1/saernamsmann/01029413157'],
    ['inntekt', 'GET', '/v1/saernamsmann/01029413157/inntekter/extra'],
    ['inntekt', 'DELETE', '/v1/saernamsmann/01029413157/inntekter'],
    ['summertskattegrunnlag', 'GET', '/v1/oppgjoer/saernamsmann/2025/13819699571'],
    ['utleggstrekk', 'GET', '/v1/beslutninger'],
    ['skattekort', 'GET', '/v1/anything'],
    ['__proto__', 'GET', '/'],
  ])('%s %s %s is not in the catalogue', (api, method, path) => {
    expect(matchOperation(catalogue, api, method, path)).toBeUndefined();
  });

  it('takes the decision-document upload as a binary POST: PDF by its bytes, capped by configuration', () => {
    const upload = matchOperation(catalogue, 'utleggstrekk', 'POST', '/v1/vedlegg')?.operation;
    expect(upload).toMatchObject({
      registers: false,
      upload: { mediaType: 'application/pdf', maxBytes: 10_485_760 },
    });
    expect(upload?.body).toBeUndefined();
    expect(upload?.upload?.magic.toString('latin1')).toBe('%PDF-');
    const { catalogue: moved, problems } = catalogueFrom({
      UTLEGGSTREKK_VEDLEGG_PATH: '/v2/dokumenter',
      UTLEGGSTREKK_VEDLEGG_MAX_BYTES: '2048',
    });
    expect(problems).toEqual([]);
    expect(matchOperation(moved, 'utleggstrekk', 'POST', '/v2/dokumenter')?.operation.upload?.maxBytes).toBe(2048);
    expect(catalogueFrom({ UTLEGGSTREKK_VEDLEGG_MAX_BYTES: '10' }).problems.join()).toContain(
      'UTLEGGSTREKK_VEDLEGG_MAX_BYTES',
    );
    expect(catalogueFrom({ UTLEGGSTREKK_VEDLEGG_PATH: '/v1/beslutninger' }).problems.join()).toContain('must differ');
  });

  it('marks only the decision submission as a registration', () => {
    const registering = Object.values(catalogue).flatMap((api) =>
      api.operations.filter((op) => op.registers).map((op) => op.id),
    );
    expect(registering).toEqual(['utleggstrekk.send-beslutning']);
  });

  it('gives every body-carrying operation its body contract, the beslutning model from configuration', () => {
    const withBody = Object.values(catalogue).flatMap((api) =>
      api.operations.flatMap((op) => (op.body ? [[op.id, op.body.model]] : [])),
    );
    expect(withBody).toEqual([
      ['utleggstrekk.oppslag-samordnet-trekk', 'Oppslag samordnet trekk fra kommune 1.0'],
      ['utleggstrekk.send-beslutning', 'Beslutning om trekk fra kommune 1.0'],
    ]);
    const { catalogue: v2, problems } = catalogueFrom({ UTLEGGSTREKK_BESLUTNING_MODEL: '2.0' });
    expect(problems).toEqual([]);
    expect(matchOperation(v2, 'utleggstrekk', 'POST', '/v1/beslutninger')?.operation.body?.subject.pointer).toBe(
      '/skyldner/taxIdentificationNumber',
    );
    expect(catalogueFrom({ UTLEGGSTREKK_BESLUTNING_MODEL: '3.0' }).problems.join()).toContain(
      'UTLEGGSTREKK_BESLUTNING_MODEL must be one of 1.0, 2.0',
    );
    // The worker's stable reference goes in the field of the configured model, unless set explicitly.
    expect(
      loadUpstream(new EnvReader({ UTLEGGSTREKK_BESLUTNING_MODEL: '2.0' }), 'http://127.0.0.1:3100').utleggstrekk
        .referenceField,
    ).toBe('innsendersReferanse');
    expect(loadUpstream(new EnvReader({}), 'http://127.0.0.1:3100').utleggstrekk.referenceField).toBe(
      'innsenderReferanse',
    );
  });

  it('expands paths with encoded parameters', () => {
    const operation = catalogue.inntekt.operations[0];
    expect(expandPath(operation, { rettighetspakke: 'saernamsmann', personidentifikator: '01029413157' })).toBe(
      '/v1/saernamsmann/01029413157/inntekter',
    );
    expect(expandPath(operation, { rettighetspakke: '../x', personidentifikator: 'a/b' })).toBe(
      '/v1/..%2Fx/a%2Fb/inntekter',
    );
  });

  it('takes uncertain values from configuration', () => {
    const { catalogue: configured, problems } = catalogueFrom({
      UPSTREAM_UTLEGGSTREKK_URL: 'https://api-test.sits.no/api/utleggstrekk-kommune/',
      UPSTREAM_UTLEGGSTREKK_SCOPE: 'skatteetaten:utleggsbegjaering',
      UTLEGGSTREKK_BESLUTNING_PATH: '/v2/beslutning',
    });
    expect(problems).toEqual([]);
    expect(configured.utleggstrekk.baseUrl).toBe('https://api-test.sits.no/api/utleggstrekk-kommune');
    expect(configured.utleggstrekk.scope).toBe('skatteetaten:utleggsbegjaering');
    expect(matchOperation(configured, 'utleggstrekk', 'POST', '/v2/beslutning')?.operation.id).toBe(
      'utleggstrekk.send-beslutning',
    );
  });

  it('refuses a malformed configured path or URL', () => {
    const { problems } = catalogueFrom({ UTLEGGSTREKK_OPPSLAG_PATH: 'no-slash', UPSTREAM_INNTEKT_URL: 'ftp://x' });
    expect(problems.join()).toContain('UTLEGGSTREKK_OPPSLAG_PATH');
    expect(problems.join()).toContain('UPSTREAM_INNTEKT_URL');
  });
});
