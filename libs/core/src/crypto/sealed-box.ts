import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomFillSync } from 'node:crypto';

/** A named 32-byte AES-256 key; in a list, the first seals and every one opens. */
export interface NamedKey {
  id: string;
  key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Each key's KeyObject, made once: the cipher is then not handed raw key bytes on every call. */
const keyObjects = new WeakMap<Buffer, KeyObject>();

function keyObjectOf(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/**
 * Fresh random IVs, drawn from the CSPRNG a few hundred at a time rather than with one call each
 * (as randomUUID does). Every IV is used once: the pool is refilled before a byte is reused.
 */
const ivPool = Buffer.alloc(IV_BYTES * 256);
let ivOffset = ivPool.length;

function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/**
 * AES-256-GCM under the first key: `<keyId>:base64(iv ‖ tag ‖ ciphertext)`. The AAD binds a value
 * to its use, so a value lifted into another column does not open. Neither keys nor values are
 * ever put in an error message.
 */
export function seal(keys: readonly NamedKey[], aad: Buffer, plaintext: Buffer | string): string {
  const [current] = keys;
  if (!current) throw new Error('sealed box: no key configured');
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', keyObjectOf(current.key), iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

/** The clear bytes; throws (without the value) if the key is unknown or the value was altered. */
export function open(keys: readonly NamedKey[], aad: Buffer, sealed: string, label = 'sealed box'): Buffer {
  const separator = sealed.indexOf(':');
  const key = keys.find((candidate) => candidate.id === sealed.slice(0, separator));
  if (separator <= 0 || !key) throw new Error(`${label}: unknown encryption key id`);
  const bytes = Buffer.from(sealed.slice(separator + 1), 'base64');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error(`${label}: ciphertext too short`);
  const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key.key), bytes.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
