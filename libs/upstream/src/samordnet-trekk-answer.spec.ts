import { describe, expect, it } from '@jest/globals';
import { readSamordnetTrekk } from './samordnet-trekk-answer.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('the oppslag samordnet trekk answer', () => {
  it('reads the configured boolean from JSON, also nested', () => {
    expect(
      readSamordnetTrekk('application/json', json({ skyldner: {}, harSamordnetTrekk: true }), 'harSamordnetTrekk'),
    ).toBe(true);
    expect(
      readSamordnetTrekk('application/json', json({ skyldner: {}, harSamordnetTrekk: false }), 'harSamordnetTrekk'),
    ).toBe(false);
    expect(
      readSamordnetTrekk('application/json', json({ resultat: { trekkINyOrdning: true } }), 'trekkINyOrdning'),
    ).toBe(true);
  });

  it('reads it from XML', () => {
    const xml =
      '<?xml version="1.0"?><samordnetTrekk><skyldner><taxIdentificationNumber>1</taxIdentificationNumber></skyldner><harSamordnetTrekk>true</harSamordnetTrekk></samordnetTrekk>';
    expect(readSamordnetTrekk('application/xml', Buffer.from(xml), 'harSamordnetTrekk')).toBe(true);
    expect(
      readSamordnetTrekk('application/xml', Buffer.from(xml.replace('>true<', '>false<')), 'harSamordnetTrekk'),
    ).toBe(false);
  });

  it('gives no answer for a missing field, a non-boolean or an unreadable body', () => {
    expect(readSamordnetTrekk('application/json', json({ skyldner: {} }), 'harSamordnetTrekk')).toBeUndefined();
    expect(
      readSamordnetTrekk('application/json', json({ harSamordnetTrekk: 'true' }), 'harSamordnetTrekk'),
    ).toBeUndefined();
    expect(readSamordnetTrekk('application/json', Buffer.from('not json'), 'harSamordnetTrekk')).toBeUndefined();
    expect(
      readSamordnetTrekk(
        'application/xml',
        Buffer.from('<a><harSamordnetTrekk>ja</harSamordnetTrekk></a>'),
        'harSamordnetTrekk',
      ),
    ).toBeUndefined();
  });
});
