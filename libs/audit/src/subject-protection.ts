import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { type AuditConfig, type AuditKey, open, requireAuditKeys, seal } from '#core';

export interface ProtectedSubject {
  /** Hex HMAC-SHA256 under the current HMAC key: equal subjects give equal hashes, for search. */
  hash: string;
  /** Id of that HMAC key. */
  keyId: string;
  /** `<encryption key id>:<base64(iv ‖ tag ‖ ciphertext)>` under the current AES-256-GCM key. */
  encrypted: string;
}

/** Binds the ciphertext to its use: a value lifted into another context does not decrypt. */
const AAD = Buffer.from('delingsmegler:audit-subject:v1');

/**
 * The data subject's identifier in the audit log: a keyed hash (search) and an encrypted value
 * (display to an auditor), never the clear value. Keys rotate by prepending a new one to the
 * config list: new events use the first, old events still decrypt and are still found.
 * Neither the keys nor a subject are ever logged or put in an error message.
 */
export class SubjectProtection {
  /** The HMAC keys as KeyObjects, made once rather than from the raw bytes on every event. */
  private readonly hmacKeys: { id: string; key: KeyObject }[];
  private readonly encryptionKeys: AuditKey[];

  constructor(config: AuditConfig) {
    requireAuditKeys(config);
    this.hmacKeys = config.subjectHmacKeys.map(({ id, key }) => ({ id, key: createSecretKey(key) }));
    this.encryptionKeys = config.subjectEncryptionKeys;
  }

  protect(subject: string): ProtectedSubject {
    const value = normalise(subject);
    const [hmacKey] = this.hmacKeys;
    return { hash: hmac(hmacKey.key, value), keyId: hmacKey.id, encrypted: seal(this.encryptionKeys, AAD, value) };
  }

  /** The subject's hash under every configured HMAC key: a search finds events from before a rotation too. */
  hashesOf(subject: string): string[] {
    const value = normalise(subject);
    return this.hmacKeys.map(({ key }) => hmac(key, value));
  }

  /** The clear value; throws (without the value) if the key is unknown or the ciphertext was altered. */
  reveal(encrypted: string): string {
    return open(this.encryptionKeys, AAD, encrypted, 'audit subject').toString('utf8');
  }
}

function normalise(subject: string): string {
  return subject.trim();
}

function hmac(key: KeyObject, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
