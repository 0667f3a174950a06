import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { type AuditConfig, type AuditKey, requireAuditKeys } from '../../core/src/index.js';

export interface ProtectedSubject {
  /** Hex HMAC-SHA256 under the current HMAC key: equal subjects give equal hashes, for search. */
  hash: string;
  /** Id of that HMAC key. */
  keyId: string;
  /** `<encryption key id>:<base64(iv ‖ tag ‖ ciphertext)>` under the current AES-256-GCM key. */
  encrypted: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the ciphertext to its use: a value lifted into another context does not decrypt. */
const AAD = Buffer.from('delingsmegler:audit-subject:v1');

/**
 * The data subject's identifier in the audit log: a keyed hash (search) and an encrypted value
 * (display to an auditor), never the clear value. Keys rotate by prepending a new one to the
 * config list: new events use the first, old events still decrypt and are still found.
 * Neither the keys nor a subject are ever logged or put in an error message.
 */
export class SubjectProtection {
  private readonly hmacKeys: AuditKey[];
  private readonly encryptionKeys: AuditKey[];

  constructor(config: AuditConfig) {
    requireAuditKeys(config);
    this.hmacKeys = config.subjectHmacKeys;
    this.encryptionKeys = config.subjectEncryptionKeys;
  }

  protect(subject: string): ProtectedSubject {
    const value = normalise(subject);
    const [hmacKey] = this.hmacKeys;
    const [encryptionKey] = this.encryptionKeys;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encryptionKey.key, iv);
    cipher.setAAD(AAD);
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
    return { hash: hmac(hmacKey, value), keyId: hmacKey.id, encrypted: `${encryptionKey.id}:${sealed}` };
  }

  /** The subject's hash under every configured HMAC key: a search finds events from before a rotation too. */
  hashesOf(subject: string): string[] {
    const value = normalise(subject);
    return this.hmacKeys.map((key) => hmac(key, value));
  }

  /** The clear value; throws (without the value) if the key is unknown or the ciphertext was altered. */
  reveal(encrypted: string): string {
    const separator = encrypted.indexOf(':');
    const key = this.encryptionKeys.find((candidate) => candidate.id === encrypted.slice(0, separator));
    if (separator <= 0 || !key) throw new Error('audit subject: unknown encryption key id');
    const sealed = Buffer.from(encrypted.slice(separator + 1), 'base64');
    if (sealed.length <= IV_BYTES + TAG_BYTES) throw new Error('audit subject: ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

function normalise(subject: string): string {
  return subject.trim();
}

function hmac(key: AuditKey, value: string): string {
  return createHmac('sha256', key.key).update(value, 'utf8').digest('hex');
}
