import type { EnvReader } from './env-reader.js';

/** Algorithms accepted on operator tokens: asymmetric only, so a leaked verifier key signs nothing. */
export const OPERATOR_TOKEN_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

/** apps/admin and apps/worker: operator authentication and the onboarding jobs (declaration intake, delegation checks). */
export interface OnboardingConfig {
  operatorAuth: {
    /** The only issuer accepted on operator tokens (exact match). */
    issuer: string;
    /** Keys of the issuer; when absent, `jwks_uri` from `<issuer>/.well-known/openid-configuration`. */
    jwksUrl?: string;
    audience: string;
    algorithms: Array<(typeof OPERATOR_TOKEN_ALGS)[number]>;
    clockSkewSeconds: number;
  };
  /**
   * Skatteetaten's HTTP intake of connection declarations, one forwarding channel among e-mail and
   * forms: off (`url` undefined) unless DECLARATION_INTAKE_URL is set; then the operator forwards
   * by its own channel and records it (record-forwarding).
   */
  intake: { url?: string; timeoutMs: number; attempts: number; backoffMs: number };
  /** Signed declaration documents (PDF): the largest accepted, and how long one is kept after its declaration ended. */
  documents: { maxBytes: number; retentionDays: number };
  /** The operator's support contact, as municipalities read it in their agreement. */
  support: { name: string; email?: string; phone?: string; url?: string };
  /** How often every recorded delegation is asked about again at Maskinporten; 0 turns it off. */
  delegationRecheckIntervalMs: number;
}

export function loadOnboarding(read: EnvReader, simulatorUrl: string): OnboardingConfig {
  const supportEmail = read.optionalString('OPERATOR_SUPPORT_EMAIL');
  if (supportEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(supportEmail))
    read.fail('OPERATOR_SUPPORT_EMAIL must be an e-mail address');
  const algorithms = read.list('OPERATOR_ALGORITHMS', [...OPERATOR_TOKEN_ALGS]);
  for (const alg of algorithms) {
    if (!(OPERATOR_TOKEN_ALGS as readonly string[]).includes(alg))
      read.fail(`OPERATOR_ALGORITHMS: ${alg} is not an RS*/PS*/ES* algorithm`);
  }
  const issuer = read.url('OPERATOR_ISSUER', ['http', 'https'], `${simulatorUrl}/idp`);
  return {
    operatorAuth: {
      issuer,
      jwksUrl: read.optionalUrl('OPERATOR_JWKS_URL', ['http', 'https']),
      audience: read.string('OPERATOR_AUDIENCE', 'delingsmegler-admin'),
      algorithms: algorithms as OnboardingConfig['operatorAuth']['algorithms'],
      clockSkewSeconds: read.int('OPERATOR_CLOCK_SKEW_SECONDS', 10, { min: 0, max: 300 }),
    },
    intake: {
      url: read.optionalUrl('DECLARATION_INTAKE_URL', ['http', 'https']),
      timeoutMs: read.int('DECLARATION_INTAKE_TIMEOUT_MS', 5000, { min: 100, max: 120_000 }),
      attempts: read.int('DECLARATION_FORWARD_ATTEMPTS', 8, { min: 1, max: 50 }),
      backoffMs: read.int('DECLARATION_FORWARD_BACKOFF_MS', 1000, { min: 1, max: 3_600_000 }),
    },
    documents: {
      maxBytes: read.int('DECLARATION_DOCUMENT_MAX_BYTES', 10_485_760, { min: 1024, max: 104_857_600 }),
      retentionDays: read.int('DOCUMENT_RETENTION_DAYS', 3650, { min: 1, max: 36_500 }),
    },
    support: {
      name: read.string('OPERATOR_SUPPORT_NAME', 'KS Digitale fellestjenester'),
      email: read.optionalString('OPERATOR_SUPPORT_EMAIL'),
      phone: read.optionalString('OPERATOR_SUPPORT_PHONE'),
      url: read.optionalUrl('OPERATOR_SUPPORT_URL', ['https', 'http']),
    },
    delegationRecheckIntervalMs: read.int('DELEGATION_RECHECK_INTERVAL_SECONDS', 3600, { min: 0, max: 604_800 }) * 1000,
  };
}
