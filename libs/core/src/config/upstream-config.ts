import type { EnvReader } from './env-reader.js';

export const API_NAMES = ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'] as const;
export type ApiName = (typeof API_NAMES)[number];

/**
 * Who Skatteetaten's five concurrent calls are counted for: each consumer (the municipality) or
 * the client (the platform, for all municipalities together). Skatteetaten has not published which.
 */
export const CONCURRENCY_SCOPES = ['consumer', 'client'] as const;
export type ConcurrencyScope = (typeof CONCURRENCY_SCOPES)[number];

/** Models of Skatteetaten's "Beslutning om utleggstrekk fra kommune" body the gateway can check. */
export const BESLUTNING_MODELS = ['1.0', '2.0'] as const;
export type BeslutningModel = (typeof BESLUTNING_MODELS)[number];

export interface UpstreamApiConfig {
  baseUrl: string;
  /** The Maskinporten scope of a token for this API. */
  scope: string;
  /** Whether the concurrent-call limit counts per municipality or for the whole platform. */
  concurrencyScope: ConcurrencyScope;
}

/** libs/upstream and the gateway: where Skatteetaten's APIs are and how the gateway calls them. */
export interface UpstreamConfig {
  apis: Record<ApiName, UpstreamApiConfig>;
  /**
   * `beslutningModel`: which body model the beslutning path takes (its JSON Schema in libs/upstream);
   * `referenceField`: the body field that carries a registration's stable reference (its id), so a resend is answered as a duplicate;
   * `samordnetTrekkField`: the field of the oppslag answer that says whether the debtor has or has had trekk under the new regime;
   * `vedlegg`: the decision-document upload (its path, the largest PDF accepted, and how many days the platform remembers which tenant uploaded which uuid).
   */
  utleggstrekk: {
    oppslagPath: string;
    beslutningPath: string;
    beslutningModel: BeslutningModel;
    referenceField: string;
    samordnetTrekkField: string;
    vedlegg: { path: string; maxBytes: number; retentionDays: number };
  };
  connectTimeoutMs: number;
  /** Until the response headers arrive. */
  headersTimeoutMs: number;
  /** Between body chunks. */
  bodyTimeoutMs: number;
  /** One deadline over all attempts of a call, retries and backoff included. */
  deadlineMs: number;
  retries: number;
  retryBaseMs: number;
  maxResponseBytes: number;
  connectionsPerUpstream: number;
  breaker: { failureThreshold: number; openMs: number };
  /** Skatteetaten's limit of concurrent calls per API per organisation (see `concurrencyScope`), across all replicas. */
  concurrencyLimit: number;
  /** Requests per minute per tenant when the operator has set none. */
  defaultRatePerMinute: number;
  registrations: { attempts: number; backoffMs: number; waitMs: number; sweepIntervalMs: number };
}

/**
 * Base URLs default to the local simulator; in production they are Skatteetaten's hosts, e.g.
 * https://inntekt.api.skatteetaten.no (the version is part of each operation's path).
 */
export function loadUpstream(read: EnvReader, simulatorUrl: string): UpstreamConfig {
  const defaultConcurrencyScope = read.oneOf('UPSTREAM_CONCURRENCY_SCOPE', CONCURRENCY_SCOPES, 'consumer');
  const api = (name: ApiName, scope: string): UpstreamApiConfig => ({
    baseUrl: read
      .url(`UPSTREAM_${name.toUpperCase()}_URL`, ['http', 'https'], `${simulatorUrl}/${name}`)
      .replace(/\/$/, ''),
    scope: read.string(`UPSTREAM_${name.toUpperCase()}_SCOPE`, scope),
    concurrencyScope: read.oneOf(
      `UPSTREAM_${name.toUpperCase()}_CONCURRENCY_SCOPE`,
      CONCURRENCY_SCOPES,
      defaultConcurrencyScope,
    ),
  });
  const path = (name: string, fallback: string): string => {
    const value = read.string(name, fallback);
    if (!/^(\/[\w.-]+)+$/.test(value)) read.fail(`${name} must be a path like /v1/oppslag`);
    return value;
  };
  const ms = (name: string, fallback: number, max = 300_000) => read.int(name, fallback, { min: 1, max });
  const beslutningModel = read.oneOf('UTLEGGSTREKK_BESLUTNING_MODEL', BESLUTNING_MODELS, '1.0');
  const config: UpstreamConfig = {
    apis: {
      inntekt: api('inntekt', 'skatteetaten:inntekt'),
      summertskattegrunnlag: api('summertskattegrunnlag', 'skatteetaten:summertskattegrunnlag'),
      utleggstrekk: api('utleggstrekk', 'skatteetaten:utleggstrekkbeslutningkommune'),
    },
    // Skatteetaten publishes these only in SwaggerHub; the defaults are the simulator's.
    utleggstrekk: {
      oppslagPath: path('UTLEGGSTREKK_OPPSLAG_PATH', '/v1/oppslag/samordnettrekk'),
      beslutningPath: path('UTLEGGSTREKK_BESLUTNING_PATH', '/v1/beslutninger'),
      beslutningModel,
      // innsenderReferanse in model 1.0 (reference §3); model 2.0 calls it innsendersReferanse.
      referenceField: read.string(
        'UTLEGGSTREKK_REFERENCE_FIELD',
        beslutningModel === '2.0' ? 'innsendersReferanse' : 'innsenderReferanse',
      ),
      // Skatteetaten's name for the boolean is unpublished; the default is the simulator's.
      samordnetTrekkField: read.string('UTLEGGSTREKK_SAMORDNET_TREKK_FIELD', 'harSamordnetTrekk'),
      vedlegg: {
        path: path('UTLEGGSTREKK_VEDLEGG_PATH', '/v1/vedlegg'),
        maxBytes: read.int('UTLEGGSTREKK_VEDLEGG_MAX_BYTES', 10_485_760, { min: 1024, max: 104_857_600 }),
        // A registration may reference an upload for this long; the audit event of the upload outlives it.
        retentionDays: read.int('VEDLEGG_RETENTION_DAYS', 365, { min: 1, max: 3650 }),
      },
    },
    connectTimeoutMs: ms('UPSTREAM_CONNECT_TIMEOUT_MS', 2000),
    headersTimeoutMs: ms('UPSTREAM_HEADERS_TIMEOUT_MS', 10_000),
    bodyTimeoutMs: ms('UPSTREAM_BODY_TIMEOUT_MS', 10_000),
    deadlineMs: ms('UPSTREAM_DEADLINE_MS', 20_000),
    retries: read.int('UPSTREAM_RETRIES', 2, { min: 0, max: 10 }),
    retryBaseMs: ms('UPSTREAM_RETRY_BASE_MS', 100, 60_000),
    maxResponseBytes: read.int('UPSTREAM_MAX_RESPONSE_BYTES', 5_242_880, { min: 1024, max: 104_857_600 }),
    connectionsPerUpstream: read.int('UPSTREAM_CONNECTIONS', 32, { min: 1, max: 1024 }),
    breaker: {
      failureThreshold: read.int('UPSTREAM_BREAKER_FAILURES', 5, { min: 1, max: 1000 }),
      openMs: ms('UPSTREAM_BREAKER_OPEN_MS', 10_000, 3_600_000),
    },
    concurrencyLimit: read.int('UPSTREAM_CONCURRENCY_LIMIT', 5, { min: 1, max: 1000 }),
    defaultRatePerMinute: read.int('TENANT_DEFAULT_RATE_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
    registrations: {
      attempts: read.int('REGISTRATION_ATTEMPTS', 10, { min: 1, max: 100 }),
      backoffMs: ms('REGISTRATION_BACKOFF_MS', 1000, 3_600_000),
      waitMs: read.int('REGISTRATION_WAIT_MS', 3000, { min: 0, max: 30_000 }),
      sweepIntervalMs: ms('REGISTRATION_SWEEP_INTERVAL_MS', 30_000, 3_600_000),
    },
  };
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(config.utleggstrekk.referenceField))
    read.fail('UTLEGGSTREKK_REFERENCE_FIELD must be a JSON field name (a letter, then letters, digits or _)');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(config.utleggstrekk.samordnetTrekkField))
    read.fail('UTLEGGSTREKK_SAMORDNET_TREKK_FIELD must be a JSON field name (a letter, then letters, digits or _)');
  const { oppslagPath, beslutningPath, vedlegg } = config.utleggstrekk;
  if (new Set([oppslagPath, beslutningPath, vedlegg.path]).size < 3)
    read.fail('UTLEGGSTREKK_OPPSLAG_PATH, UTLEGGSTREKK_BESLUTNING_PATH and UTLEGGSTREKK_VEDLEGG_PATH must differ');
  if (config.deadlineMs < config.headersTimeoutMs)
    read.fail('UPSTREAM_DEADLINE_MS must be at least UPSTREAM_HEADERS_TIMEOUT_MS');
  return config;
}
