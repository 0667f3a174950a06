import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { open, seal } from './sealed-box.js';

const keys = [
  { id: 'k2', key: randomBytes(32) },
  { id: 'k1', key: randomBytes(32) },
];
const AAD = Buffer.from('test:use');

describe('sealed box', () => {
  it('opens what it sealed, under the current key, and what an older key sealed', () => {
    const sealed = seal(keys, AAD, 'hello');
    expect(sealed.startsWith('k2:')).toBe(true);
    expect(open(keys, AAD, sealed).toString('utf8')).toBe('hello');
    expect(open(keys, AAD, seal(keys.slice(1), AAD, 'old')).toString('utf8')).toBe('old');
  });

  it('never uses an IV twice, across refills of its pool of random IVs', () => {
    const ivs = new Set<string>();
    for (let index = 0; index < 2000; index++) {
      const bytes = Buffer.from(seal(keys, AAD, 'same').slice(3), 'base64');
      ivs.add(bytes.subarray(0, 12).toString('hex'));
    }
    expect(ivs.size).toBe(2000);
  });

  it('refuses an altered value, another use (AAD) and an unknown key, naming neither', () => {
    const sealed = seal(keys, AAD, 'secret-value');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => open(keys, AAD, `k2:${bytes.toString('base64')}`)).toThrow();
    expect(() => open(keys, Buffer.from('other:use'), sealed)).toThrow();
    expect(() => open(keys, AAD, `k9:${sealed.slice(3)}`, 'label')).toThrow('label: unknown encryption key id');
  });
});
