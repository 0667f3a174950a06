import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { decodeCursor, encodeCursor } from './audit-reader.js';

describe('audit cursors', () => {
  it('round-trip an id through an opaque URL-safe token', () => {
    const cursor = encodeCursor('9007199254740993');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('9007199254740993');
    expect(decodeCursor(cursor)).toBe('9007199254740993');
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['another prefix', Buffer.from('b1:12').toString('base64url')],
    ['a non-numeric id', Buffer.from('a1:12 OR 1=1').toString('base64url')],
    ['a zero id', Buffer.from('a1:0').toString('base64url')],
    ['an id beyond bigint', Buffer.from(`a1:${'9'.repeat(20)}`).toString('base64url')],
    ['an id beyond bigint (19 digits)', Buffer.from('a1:9223372036854775808').toString('base64url')],
    ['empty', ''],
  ])('refuse %s with invalid-request', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as DomainError).code).toBe('invalid-request');
    }
  });
});
