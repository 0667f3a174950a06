import { describe, expect, it } from '@jest/globals';
import { maskPath } from './redaction.js';

describe('maskPath', () => {
  it.each([
    [
      'plain',
      '/api/v1/974760673/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01',
      '/api/v1/974760673/inntekt/v1/saernamsmann/***********/inntekter?fraOgMed=2018-01',
    ],
    ['percent-encoded digits', '/p/%30%31%30%32%39%34%31%33%31%35%37/x', '/p/***********/x'],
    ['encoded twice', '/p/%2530%2531%2530%2532%2539%2534%2531%2533%2531%2535%2537/x', '/p/***********/x'],
    ['a stray % next to it', '/p/01029413157%/x', '/p/***********%/x'],
  ])('masks a personidentifikator written %s', (_name, path, expected) => {
    expect(maskPath(path)).toBe(expected);
  });

  it('keeps the organisation number and never throws on bad encoding', () => {
    expect(maskPath('/api/v1/974760673/%C3%zz%')).toBe('/api/v1/974760673/%C3%zz%');
  });
});
