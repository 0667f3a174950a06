import { describe, expect, it } from '@jest/globals';
import { negotiateFormat } from './media-type.js';
import { parseUpstreamError } from './upstream-error-body.js';

describe('negotiateFormat', () => {
  it.each([
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['application/xml;q=0.9, application/json', 'json'],
    ['application/json;q=0.1, application/xml', 'xml'],
    ['application/json;q=0, application/xml', 'xml'],
    ['text/html', undefined],
    ['application/json;q=0', undefined],
  ])('%p → %p', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});

describe('parseUpstreamError', () => {
  it('reads the JSON and the XML error body, and the 422 rule list', () => {
    expect(
      parseUpstreamError(
        'application/json',
        Buffer.from('{"kode":"IM-007","melding":"Fant ikke","korrelasjonsid":"k"}'),
      ),
    ).toEqual({ kode: 'IM-007', melding: 'Fant ikke', korrelasjonsid: 'k' });
    const xml =
      '<?xml version="1.0"?><feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1"><kode>SSG-008</kode><melding>Ingen &amp; data</melding><korrelasjonsid>k</korrelasjonsid></feil>';
    expect(parseUpstreamError('application/xml', Buffer.from(xml))).toEqual({
      kode: 'SSG-008',
      melding: 'Ingen & data',
      korrelasjonsid: 'k',
    });
    expect(parseUpstreamError('application/json', Buffer.from('[{"vilkaarnavn":"DUPLIKAT_INNSENDING"}]'))).toEqual({
      regler: [{ vilkaarnavn: 'DUPLIKAT_INNSENDING' }],
    });
  });

  it('reads every rule of a 422 list, as a JSON array, a list inside an object, or XML', () => {
    const rules = [
      { vilkaarnavn: 'UGYLDIG_KONTONR', melding: 'Kontonummeret er ugyldig' },
      { vilkaarnavn: 'UGYLDIG_KID', melding: 'KID & kontrollsiffer' },
    ];
    const array = JSON.stringify(rules.map((rule) => ({ ...rule, korrelasjonsid: 'k' })));
    expect(parseUpstreamError('application/json', Buffer.from(array))).toEqual({ regler: rules, korrelasjonsid: 'k' });
    expect(
      parseUpstreamError(
        'application/json',
        Buffer.from(JSON.stringify({ korrelasjonsid: 'k', vilkaarsbrudd: rules })),
      ),
    ).toEqual({ regler: rules, korrelasjonsid: 'k' });
    const xml =
      '<?xml version="1.0"?><vilkaarsbrudd><vilkaar><vilkaarnavn>UGYLDIG_KONTONR</vilkaarnavn><melding>Kontonummeret er ugyldig</melding><korrelasjonsid>k</korrelasjonsid></vilkaar>' +
      '<vilkaar><vilkaarnavn>UGYLDIG_KID</vilkaarnavn><melding>KID &amp; kontrollsiffer</melding></vilkaar></vilkaarsbrudd>';
    expect(parseUpstreamError('application/xml', Buffer.from(xml))).toEqual({ regler: rules, korrelasjonsid: 'k' });
  });

  it('gives nothing for a body that is not Skatteetaten’s', () => {
    expect(parseUpstreamError('text/html', Buffer.from('Bad gateway'))).toEqual({});
    expect(parseUpstreamError(undefined, Buffer.from(''))).toEqual({});
  });
});
