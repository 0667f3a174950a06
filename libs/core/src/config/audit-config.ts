import { ConfigError, type EnvReader } from './env-reader.js';

/** A named 32-byte key from a `keyId:base64` list; the first of a list is the current one. */
export interface AuditKey {
  id: string;
  key: Buffer;
}

/**
 * libs/audit. Helper sections (writer, subject protection, sealer, retention…) each add their own
 * fields here; keep it a flat object of small groups.
 */
export interface AuditConfig {
  /** Most events one group-commit INSERT carries. */
  maxBatchSize: number;
  /** Longest wait for one batch to commit before its callers get 503 audit-unavailable. */
  writeTimeoutMs: number;
  /** Most events waiting for a batch; past it, record() refuses at once with 503 audit-unavailable. */
  maxQueuedEvents: number;
  /** HMAC-SHA256 keys for the searchable subject hash; [0] hashes new events, all are searched. */
  subjectHmacKeys: AuditKey[];
  /** AES-256-GCM keys for the subject's encrypted value; [0] encrypts, all decrypt. */
  subjectEncryptionKeys: AuditKey[];
  /** Sealer, checkpoints, exports and retention (helper C): see README "Audit verification". */
  sealing: AuditSealingConfig;
}

export interface AuditSealingConfig {
  /** Private JWK (Ed25519 or P-256) that signs checkpoints and exports; APP_ENV=test falls back to a test-only key. */
  signingKeyFile?: string;
  /** A JWKS of retired signing keys' public halves, still published so that old checkpoints verify after a rotation. */
  retiredPublicKeysFile?: string;
  /** How often the worker's repeatable job seals new events. */
  intervalMs: number;
  /** Most events sealed in one transaction (a run loops until none are left). */
  batchSize: number;
  /** A chain gets a signed checkpoint after this many new events… */
  checkpointEveryEvents: number;
  /** …or when its last checkpoint is this old and new events were sealed since. */
  checkpointEverySeconds: number;
  /** Sealed events older than this are deleted by the retention job (≈ 5 years by default). */
  retentionDays: number;
  /** How often the retention job runs. */
  retentionIntervalMs: number;
  /** Most events one export may hold. */
  exportMaxEvents: number;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * TEST-ONLY keys, used when APP_ENV=test and the variable is unset. They are public (in this
 * source file), so they protect nothing; production must set its own (ConfigError otherwise).
 */
const TEST_ONLY_KEYS = {
  AUDIT_SUBJECT_HMAC_KEYS: 'test-hmac-1:ZGVsaW5nc21lZ2xlci10ZXN0LW9ubHktaG1hYy1rZXk=',
  AUDIT_SUBJECT_ENCRYPTION_KEYS: 'test-enc-1:ZGVsaW5nc21lZ2xlci10ZXN0LW9ubHktYWVzLWtleSE=',
} as const;

/** Parses `id:base64,id:base64`; every key must be exactly 32 bytes and ids unique. */
export function parseAuditKeys(name: string, raw: string, read: EnvReader): AuditKey[] {
  const keys: AuditKey[] = [];
  for (const [index, item] of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .entries()) {
    const separator = item.indexOf(':');
    const id = separator > 0 ? item.slice(0, separator) : '';
    const key = Buffer.from(item.slice(separator + 1), 'base64');
    // The key material itself is never echoed in a problem.
    if (!KEY_ID.test(id))
      read.fail(`${name}: entry ${index + 1} must be keyId:base64 with a keyId of letters, digits, ".", "_" or "-"`);
    else if (key.length !== 32) read.fail(`${name}: key ${id} must be 32 bytes, base64-encoded`);
    else if (keys.some((existing) => existing.id === id)) read.fail(`${name}: key id ${id} appears twice`);
    else keys.push({ id, key });
  }
  if (keys.length === 0 && read.problems.every((problem) => !problem.startsWith(name)))
    read.fail(`${name} must list at least one keyId:base64 key`);
  return keys;
}

/**
 * Unset keys load as an empty list rather than failing here: the migration command and the
 * simulator never touch the audit log. The audit lib refuses to start without keys
 * (`requireAuditKeys`), so every process that writes or reads events fails at start-up instead.
 */
export function loadAudit(read: EnvReader): AuditConfig {
  // APP_ENV itself is validated by loadConfig; here it only decides whether test keys may stand in.
  const testEnvironment = read.optionalString('APP_ENV') === 'test';
  const keys = (name: keyof typeof TEST_ONLY_KEYS): AuditKey[] => {
    const raw = read.optionalString(name) ?? (testEnvironment ? TEST_ONLY_KEYS[name] : undefined);
    return raw === undefined ? [] : parseAuditKeys(name, raw, read);
  };
  return {
    maxBatchSize: read.int('AUDIT_MAX_BATCH_SIZE', 500, { min: 1, max: 1000 }),
    writeTimeoutMs: read.int('AUDIT_WRITE_TIMEOUT_MS', 5000, { min: 100, max: 60_000 }),
    maxQueuedEvents: read.int('AUDIT_MAX_QUEUED_EVENTS', 5000, { min: 1, max: 1_000_000 }),
    subjectHmacKeys: keys('AUDIT_SUBJECT_HMAC_KEYS'),
    subjectEncryptionKeys: keys('AUDIT_SUBJECT_ENCRYPTION_KEYS'),
    sealing: loadAuditSealing(read),
  };
}

/** Throws a ConfigError naming each missing key list (production must set both). */
export function requireAuditKeys(config: AuditConfig): void {
  const missing: string[] = [];
  const hint = 'is required outside APP_ENV=test (keyId:base64 of 32 random bytes, comma-separated, current first)';
  if (config.subjectHmacKeys.length === 0) missing.push(`AUDIT_SUBJECT_HMAC_KEYS ${hint}`);
  if (config.subjectEncryptionKeys.length === 0) missing.push(`AUDIT_SUBJECT_ENCRYPTION_KEYS ${hint}`);
  if (missing.length > 0) throw new ConfigError(missing);
}

/** The sealer's settings; the signing key file is read (and required outside test) by libs/audit's signer. */
function loadAuditSealing(read: EnvReader): AuditSealingConfig {
  return {
    signingKeyFile: read.optionalString('AUDIT_SIGNING_KEY_FILE'),
    retiredPublicKeysFile: read.optionalString('AUDIT_SIGNING_RETIRED_JWKS_FILE'),
    intervalMs: read.int('AUDIT_SEAL_INTERVAL_MS', 1000, { min: 100, max: 3_600_000 }),
    batchSize: read.int('AUDIT_SEAL_BATCH_SIZE', 1000, { min: 1, max: 10_000 }),
    checkpointEveryEvents: read.int('AUDIT_CHECKPOINT_EVERY_EVENTS', 1000, { min: 1, max: 1_000_000 }),
    checkpointEverySeconds: read.int('AUDIT_CHECKPOINT_EVERY_SECONDS', 300, { min: 1, max: 86_400 }),
    retentionDays: read.int('AUDIT_RETENTION_DAYS', 1830, { min: 1, max: 36_500 }),
    retentionIntervalMs: read.int('AUDIT_RETENTION_INTERVAL_MS', 3_600_000, { min: 1000, max: 86_400_000 }),
    exportMaxEvents: read.int('AUDIT_EXPORT_MAX_EVENTS', 100_000, { min: 1, max: 1_000_000 }),
  };
}
