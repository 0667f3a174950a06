import { type AuditKey, parseAuditKeys } from './audit-config.js';
import { ConfigError, type EnvReader } from './env-reader.js';

/** libs/notifications: webhook delivery to tenants' contacts (README "Configuration"). */
export interface WebhookConfig {
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
  /**
   * Deliver to loopback, private, link-local and metadata addresses (and accept such literal
   * addresses at registration). Only APP_ENV=test may turn it on: tests deliver to 127.0.0.1.
   */
  allowPrivateAddresses: boolean;
  /** After a rotation the previous secret still signs (a second signature) this long. */
  secretOverlapSeconds: number;
  /** AES-256-GCM keys the tenants' signing secrets are stored under; [0] encrypts, all decrypt. */
  secretEncryptionKeys: AuditKey[];
}

/** TEST-ONLY key, public in this file, used when APP_ENV=test and the variable is unset. */
const TEST_ONLY_SECRET_KEYS = 'test-whk-1:ZGVsaW5nc21lZ2xlci10ZXN0LW9ubHktd2hrLWtleSE=';

export function loadWebhooks(read: EnvReader, testEnvironment: boolean): WebhookConfig {
  const allowPrivateAddresses = read.bool('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false);
  if (allowPrivateAddresses && !testEnvironment)
    read.fail('WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true is only allowed with APP_ENV=test');
  const rawKeys =
    read.optionalString('WEBHOOK_SECRET_ENCRYPTION_KEYS') ?? (testEnvironment ? TEST_ONLY_SECRET_KEYS : undefined);
  return {
    timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 5000, { min: 100, max: 120_000 }),
    attempts: read.int('WEBHOOK_ATTEMPTS', 5, { min: 1, max: 50 }),
    backoffMs: read.int('WEBHOOK_BACKOFF_MS', 1000, { min: 1, max: 3_600_000 }),
    allowPrivateAddresses,
    secretOverlapSeconds: read.int('WEBHOOK_SECRET_OVERLAP_SECONDS', 86_400, { min: 0, max: 30 * 86_400 }),
    // Unset outside test loads empty: only the processes that sign or rotate (admin, worker) require it.
    secretEncryptionKeys: rawKeys === undefined ? [] : parseAuditKeys('WEBHOOK_SECRET_ENCRYPTION_KEYS', rawKeys, read),
  };
}

/** Throws a ConfigError when no key can store the webhook signing secrets (production must set one). */
export function requireWebhookSecretKeys(config: WebhookConfig): void {
  if (config.secretEncryptionKeys.length === 0) {
    throw new ConfigError([
      'WEBHOOK_SECRET_ENCRYPTION_KEYS is required outside APP_ENV=test (keyId:base64 of 32 random bytes, comma-separated, current first)',
    ]);
  }
}
