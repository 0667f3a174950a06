import { ConfigError, EnvReader, type Environment } from './env-reader.js';
import { type UpstreamConfig, loadUpstream } from './upstream-config.js';
import { type OnboardingConfig, loadOnboarding } from './onboarding-config.js';
import { type AuditConfig, loadAudit } from './audit-config.js';
import { type PolicyConfig, loadPolicy } from './policy-config.js';
import { checkProductionProfile, type ProcessName } from './production-profile.js';
import { type WebhookConfig, loadWebhooks } from './webhook-config.js';
import { type SecurityLogConfig, loadSecurityLog } from './security-log-config.js';
import { type ConsoleConfig, loadConsole } from './console-config.js';
import { type NoticesConfig, loadNotices } from './notices-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `test` allows synthetic identities (Tenor, month + 40/80); `prod` never does. */
export type PlatformEnvironment = 'test' | 'prod';

export interface AppConfig {
  environment: PlatformEnvironment;
  logLevel: LogLevel;
  host: string;
  ports: { gateway: number; admin: number; worker: number; simulator: number };
  /** A separate listener for /metrics (for Prometheus only); undefined serves it on the API port. */
  metrics: { port?: number };
  /** `trustProxy`: addresses or CIDRs of the reverse proxies whose X-Forwarded-For names the client (none by default). requestTimeoutMs: longest to receive a whole request; connectionTimeoutMs: longest a socket may sit idle. */
  http: { bodyLimitBytes: number; trustProxy: string[]; requestTimeoutMs: number; connectionTimeoutMs: number };
  /** `url` is the runtime role; `ownerUrl` (DATABASE_OWNER_URL) the schema owner, used only to migrate. */
  database: { url: string; ownerUrl?: string; poolSize: number; migrateOnAdminStart: boolean };
  redis: { url: string; prefix: string; jobAddTimeoutMs: number };
  webhooks: WebhookConfig;
  /** apps/simulator only: the base URL its issuers and links are built from; the SMTP sink's port (0: any free one). */
  simulator: { publicUrl: string; smtpPort: number };
  maskinporten: MaskinportenConfig;
  upstream: UpstreamConfig;
  onboarding: OnboardingConfig;
  audit: AuditConfig;
  policy: PolicyConfig;
  securityLog: SecurityLogConfig;
  console: ConsoleConfig;
  notices: NoticesConfig;
}

export const MASKINPORTEN_GRANT_ALGS = ['RS256', 'RS384', 'RS512'] as const;
export const MASKINPORTEN_INBOUND_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/** libs/maskinporten: outbound tokens (the platform's client) and inbound verification (municipalities' tokens). */
export interface MaskinportenConfig {
  /** Maskinporten's issuer with its trailing slash; metadata at `<issuer>.well-known/oauth-authorization-server`. */
  issuer: string;
  clientId: string;
  /** Exactly one key source may be set; none means outbound tokens are unavailable (misconfigured). */
  key: { jwkFile?: string; pemFile?: string; pkcs12File?: string; pkcs12Password?: string };
  headerMode: 'kid' | 'x5c';
  /** kid mode: overrides the JWK's own `kid`. */
  keyId?: string;
  /** x5c mode: PEM certificate (chain) file. */
  certificateFile?: string;
  alg: (typeof MASKINPORTEN_GRANT_ALGS)[number];
  grantLifetimeSeconds: number;
  renewMarginSeconds: number;
  negativeCacheSeconds: number;
  requestTimeoutMs: number;
  retries: number;
  retryBaseMs: number;
  inbound: {
    issuer: string;
    jwksUrl?: string;
    requiredScope: string;
    /** When set, the `aud` every inbound token must carry (callers ask for it with Maskinporten's `resource` parameter). */
    audience?: string;
    algorithms: Array<(typeof MASKINPORTEN_INBOUND_ALGS)[number]>;
    clockSkewSeconds: number;
    jwksCooldownSeconds: number;
    verifiedCacheSize: number;
  };
}

export interface LoadOptions {
  /** The simulator has no database; every other process needs DATABASE_URL. */
  needsDatabase?: boolean;
  /** The process being started: under APP_ENV=prod it must have its real endpoints (production-profile.ts). */
  process?: ProcessName;
}

/** Default metrics port under APP_ENV=prod, so /metrics is never on a tenant-facing port there. */
export const DEFAULT_PROD_METRICS_PORT = 9464;

/** The one place that turns environment variables into configuration. */
export function loadConfig(env: Environment, { needsDatabase = true, process: service }: LoadOptions = {}): AppConfig {
  const read = new EnvReader(env);
  const port = (name: string, fallback: number) => read.int(name, fallback, { min: 0, max: 65535 });
  const environment = read.oneOf('APP_ENV', ['test', 'prod'] as const, 'prod');
  const simulatorPort = port('SIMULATOR_PORT', 3100);
  const simulatorUrl = read
    .url('SIMULATOR_PUBLIC_URL', ['http', 'https'], `http://127.0.0.1:${simulatorPort}`)
    .replace(/\/$/, '');
  const config: AppConfig = {
    environment,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    host: read.string('HOST', '127.0.0.1'),
    ports: {
      gateway: port('GATEWAY_PORT', 3000),
      admin: port('ADMIN_PORT', 3001),
      worker: port('WORKER_PORT', 3002),
      simulator: simulatorPort,
    },
    metrics: {
      port:
        read.optionalInt('METRICS_PORT', { min: 0, max: 65535 }) ??
        (environment === 'prod' ? DEFAULT_PROD_METRICS_PORT : undefined),
    },
    http: {
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 104_857_600 }),
      trustProxy: read.list('HTTP_TRUST_PROXY', []),
      requestTimeoutMs: read.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 }),
      connectionTimeoutMs: read.int('HTTP_CONNECTION_TIMEOUT_MS', 60_000, { min: 100, max: 600_000 }),
    },
    database: {
      url: needsDatabase
        ? read.url('DATABASE_URL', ['postgres', 'postgresql'])
        : (read.optionalUrl('DATABASE_URL', ['postgres', 'postgresql']) ?? ''),
      ownerUrl: read.optionalUrl('DATABASE_OWNER_URL', ['postgres', 'postgresql']),
      poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      migrateOnAdminStart: read.bool('MIGRATE_ON_ADMIN_START', true),
    },
    redis: {
      url: read.url('REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379'),
      prefix: read.string('REDIS_PREFIX', 'dm'),
      jobAddTimeoutMs: read.int('QUEUE_ADD_TIMEOUT_MS', 2000, { min: 50, max: 60_000 }),
    },
    webhooks: loadWebhooks(read, environment === 'test'),
    simulator: { publicUrl: simulatorUrl, smtpPort: port('SIMULATOR_SMTP_PORT', 2525) },
    maskinporten: loadMaskinporten(read),
    upstream: loadUpstream(read, simulatorUrl),
    onboarding: loadOnboarding(read, simulatorUrl),
    audit: loadAudit(read),
    policy: loadPolicy(read, environment === 'test'),
    securityLog: loadSecurityLog(read),
    console: loadConsole(read),
    notices: loadNotices(read),
  };
  // The socket is idle while the gateway waits for Skatteetaten: it must outlast the upstream deadline.
  if (config.http.connectionTimeoutMs <= config.upstream.deadlineMs)
    read.fail('HTTP_CONNECTION_TIMEOUT_MS must be longer than UPSTREAM_DEADLINE_MS');
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(config.redis.prefix)) {
    read.fail('REDIS_PREFIX must be 1-64 letters, digits, ":", "_" or "-"');
  }
  if (
    service !== undefined &&
    config.metrics.port !== undefined &&
    config.metrics.port !== 0 &&
    config.metrics.port === config.ports[service]
  ) {
    read.fail(`METRICS_PORT must differ from ${service.toUpperCase()}_PORT`);
  }
  if (service !== undefined && environment === 'prod') checkProductionProfile(read, service, effectiveUrls(config));
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Each outbound URL variable with the value in effect, defaults included. */
function effectiveUrls(config: AppConfig): Record<string, string | undefined> {
  const { maskinporten, upstream, onboarding } = config;
  return {
    UPSTREAM_INNTEKT_URL: upstream.apis.inntekt.baseUrl,
    UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL: upstream.apis.summertskattegrunnlag.baseUrl,
    UPSTREAM_UTLEGGSTREKK_URL: upstream.apis.utleggstrekk.baseUrl,
    MASKINPORTEN_ISSUER: maskinporten.issuer,
    MASKINPORTEN_INBOUND_ISSUER: maskinporten.inbound.issuer,
    MASKINPORTEN_INBOUND_JWKS_URL: maskinporten.inbound.jwksUrl,
    OPERATOR_ISSUER: onboarding.operatorAuth.issuer,
    OPERATOR_JWKS_URL: onboarding.operatorAuth.jwksUrl,
    DECLARATION_INTAKE_URL: onboarding.intake.url,
  };
}

function loadMaskinporten(read: EnvReader): MaskinportenConfig {
  const issuer = read.url('MASKINPORTEN_ISSUER', ['http', 'https'], 'https://maskinporten.no/');
  const optionalFile = (name: string) => read.optionalString(name) || undefined;
  const key = {
    jwkFile: optionalFile('MASKINPORTEN_KEY_JWK_FILE'),
    pemFile: optionalFile('MASKINPORTEN_KEY_PEM_FILE'),
    pkcs12File: optionalFile('MASKINPORTEN_KEY_PKCS12_FILE'),
    pkcs12Password: read.optionalString('MASKINPORTEN_KEY_PKCS12_PASSWORD'),
  };
  if ([key.jwkFile, key.pemFile, key.pkcs12File].filter(Boolean).length > 1) {
    read.fail('Set only one of MASKINPORTEN_KEY_JWK_FILE, MASKINPORTEN_KEY_PEM_FILE and MASKINPORTEN_KEY_PKCS12_FILE');
  }
  const algorithms = read.list('MASKINPORTEN_INBOUND_ALGORITHMS', ['RS256', 'RS384', 'RS512']);
  for (const alg of algorithms) {
    if (!(MASKINPORTEN_INBOUND_ALGS as readonly string[]).includes(alg))
      read.fail(`MASKINPORTEN_INBOUND_ALGORITHMS: ${alg} is not an RS*/PS* algorithm`);
  }
  const config: MaskinportenConfig = {
    issuer,
    clientId: read.string('MASKINPORTEN_CLIENT_ID', ''),
    key,
    headerMode: read.oneOf('MASKINPORTEN_HEADER_MODE', ['kid', 'x5c'] as const, 'kid'),
    keyId: read.optionalString('MASKINPORTEN_KEY_ID') || undefined,
    certificateFile: optionalFile('MASKINPORTEN_CERTIFICATE_FILE'),
    alg: read.oneOf('MASKINPORTEN_ALG', MASKINPORTEN_GRANT_ALGS, 'RS256'),
    grantLifetimeSeconds: read.int('MASKINPORTEN_GRANT_LIFETIME_SECONDS', 60, { min: 5, max: 120 }),
    renewMarginSeconds: read.int('MASKINPORTEN_RENEW_MARGIN_SECONDS', 60, { min: 0, max: 3600 }),
    negativeCacheSeconds: read.int('MASKINPORTEN_NEGATIVE_CACHE_SECONDS', 30, { min: 0, max: 3600 }),
    requestTimeoutMs: read.int('MASKINPORTEN_TIMEOUT_MS', 5000, { min: 100, max: 60_000 }),
    retries: read.int('MASKINPORTEN_RETRIES', 2, { min: 0, max: 10 }),
    retryBaseMs: read.int('MASKINPORTEN_RETRY_BASE_MS', 200, { min: 1, max: 60_000 }),
    inbound: {
      issuer: read.url('MASKINPORTEN_INBOUND_ISSUER', ['http', 'https'], issuer),
      jwksUrl: read.optionalUrl('MASKINPORTEN_INBOUND_JWKS_URL', ['http', 'https']),
      requiredScope: read.string('MASKINPORTEN_INBOUND_SCOPE', 'delingsmegler:api'),
      audience: read.optionalString('MASKINPORTEN_INBOUND_AUDIENCE') || undefined,
      algorithms: algorithms as MaskinportenConfig['inbound']['algorithms'],
      clockSkewSeconds: read.int('MASKINPORTEN_INBOUND_CLOCK_SKEW_SECONDS', 10, { min: 0, max: 300 }),
      jwksCooldownSeconds: read.int('MASKINPORTEN_INBOUND_JWKS_COOLDOWN_SECONDS', 30, { min: 0, max: 3600 }),
      verifiedCacheSize: read.int('MASKINPORTEN_INBOUND_CACHE_SIZE', 10_000, { min: 1, max: 1_000_000 }),
    },
  };
  if (config.headerMode === 'x5c' && !config.certificateFile && !key.pkcs12File) {
    read.fail('MASKINPORTEN_HEADER_MODE=x5c needs MASKINPORTEN_CERTIFICATE_FILE or a MASKINPORTEN_KEY_PKCS12_FILE');
  }
  return config;
}

/** Reads the process environment; apps call this once in main and pass the result down. */
export function loadConfigFromProcess(options: LoadOptions = {}): AppConfig {
  return loadConfig(process.env, options);
}
