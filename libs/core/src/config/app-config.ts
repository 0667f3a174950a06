import { ConfigError, EnvReader, type Environment } from './env-reader.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `test` allows synthetic identities (Tenor, month + 40/80); `prod` never does. */
export type PlatformEnvironment = 'test' | 'prod';

export interface AppConfig {
  environment: PlatformEnvironment;
  logLevel: LogLevel;
  host: string;
  ports: { gateway: number; admin: number; worker: number; simulator: number };
  http: { bodyLimitBytes: number };
  database: { url: string; poolSize: number; migrateOnAdminStart: boolean };
  redis: { url: string; prefix: string; jobAddTimeoutMs: number };
  webhooks: { timeoutMs: number; attempts: number; backoffMs: number };
  /** apps/simulator only: the base URL its issuers and links are built from. */
  simulator: { publicUrl: string };
}

export interface LoadOptions {
  /** The simulator has no database; every other process needs DATABASE_URL. */
  needsDatabase?: boolean;
}

/** The one place that turns environment variables into configuration. */
export function loadConfig(env: Environment, { needsDatabase = true }: LoadOptions = {}): AppConfig {
  const read = new EnvReader(env);
  const port = (name: string, fallback: number) => read.int(name, fallback, { min: 0, max: 65535 });
  const config: AppConfig = {
    environment: read.oneOf('APP_ENV', ['test', 'prod'] as const, 'prod'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    host: read.string('HOST', '127.0.0.1'),
    ports: {
      gateway: port('GATEWAY_PORT', 3000),
      admin: port('ADMIN_PORT', 3001),
      worker: port('WORKER_PORT', 3002),
      simulator: port('SIMULATOR_PORT', 3100),
    },
    http: { bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 104_857_600 }) },
    database: {
      url: needsDatabase ? read.url('DATABASE_URL', ['postgres', 'postgresql']) : (read.optionalUrl('DATABASE_URL', ['postgres', 'postgresql']) ?? ''),
      poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      migrateOnAdminStart: read.bool('MIGRATE_ON_ADMIN_START', true),
    },
    redis: {
      url: read.url('REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379'),
      prefix: read.string('REDIS_PREFIX', 'dm'),
      jobAddTimeoutMs: read.int('QUEUE_ADD_TIMEOUT_MS', 2000, { min: 50, max: 60_000 }),
    },
    webhooks: {
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 5000, { min: 100, max: 120_000 }),
      attempts: read.int('WEBHOOK_ATTEMPTS', 5, { min: 1, max: 50 }),
      backoffMs: read.int('WEBHOOK_BACKOFF_MS', 1000, { min: 1, max: 3_600_000 }),
    },
    simulator: { publicUrl: '' },
  };
  config.simulator.publicUrl = read.url('SIMULATOR_PUBLIC_URL', ['http', 'https'], `http://127.0.0.1:${config.ports.simulator}`).replace(/\/$/, '');
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(config.redis.prefix)) {
    read.fail('REDIS_PREFIX must be 1-64 letters, digits, ":", "_" or "-"');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Reads the process environment; apps call this once in main and pass the result down. */
export function loadConfigFromProcess(options: LoadOptions = {}): AppConfig {
  return loadConfig(process.env, options);
}
