import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type AuditConfig, ConfigError, loadConfig } from '#core';
import { SubjectProtection } from './subject-protection.js';

const SUBJECT = '01029413157';
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const auditConfig = (env: Record<string, string>): AuditConfig =>
  loadConfig({ APP_ENV: 'test', ...env }, { needsDatabase: false }).audit;

describe('SubjectProtection', () => {
  it('hashes deterministically and encrypts randomly, never in clear', () => {
    const protection = new SubjectProtection(auditConfig({}));
    const first = protection.protect(SUBJECT);
    const second = protection.protect(` ${SUBJECT} `);
    expect(first.hash).toBe(second.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.encrypted).not.toBe(second.encrypted);
    expect(first.encrypted).not.toContain(SUBJECT);
    expect(protection.reveal(first.encrypted)).toBe(SUBJECT);
  });

  it('after a rotation, old events still decrypt and are still found; new ones use the new keys', () => {
    const [hmacOld, encOld, hmacNew, encNew] = [key('h1'), key('e1'), key('h2'), key('e2')];
    const before = new SubjectProtection(
      auditConfig({ AUDIT_SUBJECT_HMAC_KEYS: hmacOld, AUDIT_SUBJECT_ENCRYPTION_KEYS: encOld }),
    );
    const after = new SubjectProtection(
      auditConfig({
        AUDIT_SUBJECT_HMAC_KEYS: `${hmacNew},${hmacOld}`,
        AUDIT_SUBJECT_ENCRYPTION_KEYS: `${encNew}, ${encOld}`,
      }),
    );
    const old = before.protect(SUBJECT);
    const fresh = after.protect(SUBJECT);
    expect(fresh.keyId).toBe('h2');
    expect(fresh.encrypted.startsWith('e2:')).toBe(true);
    expect(after.reveal(old.encrypted)).toBe(SUBJECT);
    expect(after.hashesOf(SUBJECT)).toEqual([fresh.hash, old.hash]);
  });

  it('refuses an altered ciphertext or an unknown key without showing the value', () => {
    const protection = new SubjectProtection(auditConfig({}));
    const { encrypted } = protection.protect(SUBJECT);
    const [id, body] = encrypted.split(':');
    const bytes = Buffer.from(body, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => protection.reveal(`${id}:${bytes.toString('base64')}`)).toThrow();
    expect(() => protection.reveal(`other:${body}`)).toThrow(/unknown encryption key/);
  });

  it('needs keys outside APP_ENV=test (a ConfigError naming both), and validates their form', () => {
    const prod = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).audit;
    expect(() => new SubjectProtection(prod)).toThrow(ConfigError);
    expect(() => new SubjectProtection(prod)).toThrow(/AUDIT_SUBJECT_HMAC_KEYS.*AUDIT_SUBJECT_ENCRYPTION_KEYS/);
    const bad = () =>
      auditConfig({
        AUDIT_SUBJECT_HMAC_KEYS: `ok:${randomBytes(16).toString('base64')}`,
        AUDIT_SUBJECT_ENCRYPTION_KEYS: 'no-separator',
      });
    expect(bad).toThrow(/AUDIT_SUBJECT_HMAC_KEYS: key ok must be 32 bytes/);
    expect(bad).toThrow(/AUDIT_SUBJECT_ENCRYPTION_KEYS: entry 1/);
    const secret = randomBytes(32).toString('base64');
    expect(() => auditConfig({ AUDIT_SUBJECT_HMAC_KEYS: `a:${secret},a:${secret}` })).toThrow(/appears twice/);
    try {
      auditConfig({ AUDIT_SUBJECT_HMAC_KEYS: `a:${secret},a:${secret}` });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});
