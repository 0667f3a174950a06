import { readFileSync } from 'node:fs';
import { CompactSign, type CryptoKey, type JWK, importJWK } from 'jose';
import { APP_CONFIG, type AppConfig, ConfigError } from '#core';
import { canonicalJson } from './chain.js';

/** Signed statement that a chain's entry at `seq` has `hash` (stored in audit_checkpoints). */
export interface CheckpointPayload {
  chain: string;
  seq: number;
  hash: string;
  sealedAt: string;
}

/** One chain's part of an export: events `fromSeq`..`toSeq`, the first linking to `prevHash`. */
export interface ExportSection {
  chain: string;
  fromSeq: number;
  toSeq: number;
  prevHash: string;
}

/** Signed first line of an export: which ranges it holds, so a missing part is detectable. */
export interface ExportHeaderPayload {
  exportId: string;
  createdAt: string;
  filter: { tenant: string | null; from: string | null; to: string | null };
  sections: ExportSection[];
}

/** JWS `typ` values: a checkpoint signature can never pass for an export header or the reverse. */
export const CHECKPOINT_TYP = 'audit-checkpoint+jws';
export const EXPORT_HEADER_TYP = 'audit-export+jws';
export const SIGNING_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * TEST-ONLY Ed25519 key, used when APP_ENV=test and AUDIT_SIGNING_KEY_FILE is unset. It is public
 * (in this source file), so signatures made with it prove nothing; production must configure its
 * own key (a private JWK, OKP/Ed25519 or EC/P-256) or the sealer refuses to start.
 */
export const TEST_ONLY_SIGNING_JWK: JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  kid: 'audit-test-only-1',
  x: 'bA-U6t66mJF752KHp-0g6Fz24Hw4iXjkDDAvd5pCYoY',
  d: '8hQifr6diujI1VT_V9wTjDz2Ovu_mGFTwvVmjVOcGR4',
};

/** The algorithm that goes with a private JWK; anything else is a configuration error. */
export function algorithmOf(jwk: JWK): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw new ConfigError(['AUDIT_SIGNING_KEY_FILE must hold an OKP/Ed25519 or EC/P-256 private JWK']);
}

/** The public half of a private JWK, with the fields a JWKS consumer needs. */
export function publicJwkOf(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return { kty, crv, x, ...(y ? { y } : {}), kid, alg: algorithmOf(jwk), use: 'sig' };
}

/** Reads the configured private JWK, or the test-only key in APP_ENV=test. */
export function loadSigningJwk(config: Pick<AppConfig, 'environment' | 'audit'>): JWK {
  const file = config.audit.sealing.signingKeyFile;
  if (!file) {
    if (config.environment === 'test') return TEST_ONLY_SIGNING_JWK;
    throw new ConfigError([
      'AUDIT_SIGNING_KEY_FILE is required outside APP_ENV=test (a private JWK, Ed25519 or P-256)',
    ]);
  }
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    throw new ConfigError([`AUDIT_SIGNING_KEY_FILE could not be read as JSON (${(error as Error).name})`]);
  }
  if (typeof jwk.d !== 'string') throw new ConfigError(['AUDIT_SIGNING_KEY_FILE must hold a private JWK (with "d")']);
  algorithmOf(jwk);
  return jwk;
}

/** Signs checkpoints and export headers with the audit signing key; publishes its public half. */
export class CheckpointSigner {
  private constructor(
    private readonly key: CryptoKey | Uint8Array,
    private readonly jwk: JWK,
    readonly alg: SigningAlgorithm,
    readonly kid: string,
    private readonly retired: JWK[],
  ) {}

  /** `retired`: public JWKs of earlier signing keys, still published so that old checkpoints verify. */
  static async fromJwk(jwk: JWK, retired: JWK[] = []): Promise<CheckpointSigner> {
    const alg = algorithmOf(jwk);
    const kid = jwk.kid ?? 'audit-signing-key';
    return new CheckpointSigner(
      await importJWK({ ...jwk, kid }, alg),
      { ...jwk, kid },
      alg,
      kid,
      retired.map(publicJwkOf),
    );
  }

  signCheckpoint(payload: CheckpointPayload): Promise<string> {
    return this.sign(CHECKPOINT_TYP, payload);
  }

  signExportHeader(payload: ExportHeaderPayload): Promise<string> {
    return this.sign(EXPORT_HEADER_TYP, payload);
  }

  /** What `GET /admin/v1/audit/signing-keys` serves, and what `audit:verify --jwks` takes. */
  jwks(): { keys: JWK[] } {
    return { keys: [publicJwkOf(this.jwk), ...this.retired.filter((key) => key.kid !== this.kid)] };
  }

  private sign(typ: string, payload: object): Promise<string> {
    return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
      .setProtectedHeader({ alg: this.alg, kid: this.kid, typ })
      .sign(this.key);
  }
}

/** The retired public keys (a JWKS file), if configured; private parts are never read from it. */
export function loadRetiredPublicKeys(config: Pick<AppConfig, 'audit'>): JWK[] {
  const file = config.audit.sealing.retiredPublicKeysFile;
  if (!file) return [];
  let keys: unknown;
  try {
    keys = (JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown }).keys;
  } catch (error) {
    throw new ConfigError([`AUDIT_SIGNING_RETIRED_JWKS_FILE could not be read as JSON (${(error as Error).name})`]);
  }
  if (!Array.isArray(keys) || keys.some((key: JWK) => typeof key?.kid !== 'string')) {
    throw new ConfigError(['AUDIT_SIGNING_RETIRED_JWKS_FILE must be a JWKS whose keys all have a kid']);
  }
  return keys as JWK[];
}

/** Nest provider: the signer from config, loaded once at start (a bad or missing key stops the process). */
export const checkpointSignerProvider = {
  provide: CheckpointSigner,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Promise<CheckpointSigner> =>
    CheckpointSigner.fromJwk(loadSigningJwk(config), loadRetiredPublicKeys(config)),
};
