import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readVedleggUuid, vedleggReferences } from './vedlegg-answer.js';

const example = (name: string) =>
  JSON.parse(readFileSync(`apps/simulator/fixtures/skatteetaten/examples/${name}`, 'utf8')) as unknown;
const UUID = '4264af45-ae7a-4ccc-8a8b-33b9ec669d75';

describe('vedlegg answers and references', () => {
  it.each([
    ['JSON', 'application/json', `{"uuid":"${UUID}"}`, UUID],
    ['XML', 'application/xml', `<vedlegg><uuid>${UUID}</uuid></vedlegg>`, UUID],
    ['JSON without a uuid', 'application/json', '{"id":"x"}', undefined],
    ['a uuid that is not text', 'application/json', '{"uuid":42}', undefined],
    ['a uuid with characters no body may carry', 'application/json', '{"uuid":"a b"}', undefined],
    ['XML with two uuids', 'application/xml', `<v><uuid>${UUID}</uuid><uuid>${UUID}</uuid></v>`, undefined],
    ['not JSON', 'application/json', 'not json', undefined],
  ])('reads the uuid of an upload answer in %s', (_, contentType, body, expected) => {
    expect(readVedleggUuid(contentType, Buffer.from(body))).toBe(expected);
  });

  it('finds every document a beslutning references, in model 1.0 and 2.0', () => {
    expect(vedleggReferences(example('beslutning-om-trekk-fra-kommune-v1.json')).sort()).toEqual([
      '307a6166-c5f8-40e0-b00c-76cd5cf1e515',
      UUID,
    ]);
    expect(vedleggReferences(example('beslutning-om-utleggstrekk-fra-kommune-v2.json'))).toContain(UUID);
    expect(vedleggReferences({ beslutning: { type: 'tvangsgrunnlag', filnavn: 'x' } })).toEqual([]);
  });
});
