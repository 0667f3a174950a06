import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chainHash, chainKeyOf, GENESIS_HASH, linkRecords, type ChainRecord } from './chain.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, writes nulls explicitly and dates as ISO', () => {
    const value = {
      b: 1,
      a: { d: [3, { z: undefined, y: 'x' }], c: null },
      when: new Date('2026-01-02T03:04:05.678Z'),
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":null,"d":[3,{"y":"x","z":null}]},"b":1,"when":"2026-01-02T03:04:05.678Z"}',
    );
  });

  it('gives the same bytes whatever the key insertion order', () => {
    expect(canonicalJson({ x: 1, y: [true, 'æøå'] })).toBe(canonicalJson({ y: [true, 'æøå'], x: 1 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('chainHash', () => {
  it('is SHA-256 over the previous hash bytes followed by the canonical JSON', () => {
    const record = { id: '1', b: null, a: 'x' };
    const expected = createHash('sha256').update(Buffer.alloc(32)).update('{"a":"x","b":null,"id":"1"}').digest('hex');
    expect(chainHash(GENESIS_HASH, record)).toBe(expected);
  });

  it('refuses a malformed previous hash', () => {
    expect(() => chainHash('abc', {})).toThrow(TypeError);
  });

  it('links records onto a chain head in order', () => {
    const records = [{ id: '7' }, { id: '9' }] as unknown as ChainRecord[];
    const links = linkRecords(4, 'a'.repeat(64), records);
    expect(links.map((link) => [link.eventId, link.seq])).toEqual([
      ['7', 5],
      ['9', 6],
    ]);
    expect(links[0].prevHash).toBe('a'.repeat(64));
    expect(links[1].prevHash).toBe(links[0].hash);
    expect(links[1].hash).toBe(chainHash(links[0].hash, records[1]));
  });

  it('keys chains by tenant, platform-wide events by "platform"', () => {
    expect(chainKeyOf('974760673')).toBe('974760673');
    expect(chainKeyOf(null)).toBe('platform');
  });
});
