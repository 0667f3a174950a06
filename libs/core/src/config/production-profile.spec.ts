import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './env-reader.js';
import { isSecureRemoteUrl, type ProcessName } from './production-profile.js';

const complete = {
  APP_ENV: 'prod',
  DATABASE_URL: 'postgres://app@db.internal:5432/dm',
  MASKINPORTEN_CLIENT_ID: 'client',
  MASKINPORTEN_KEY_JWK_FILE: '/keys/mp.json',
  UPSTREAM_INNTEKT_URL: 'https://inntekt.api.skatteetaten.no',
  UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL: 'https://summertskattegrunnlag.api.skatteetaten.no',
  UPSTREAM_UTLEGGSTREKK_URL: 'https://utleggstrekk.api.skatteetaten.no',
  DECLARATION_INTAKE_URL: 'https://tilslutning.api.skatteetaten.no',
  OPERATOR_ISSUER: 'https://login.example.no/realms/dm',
};

function problemsOf(process: ProcessName, env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, { process });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the production profile', () => {
  it.each(['gateway', 'admin', 'worker'] as const)('accepts a complete configuration for the %s', (process) => {
    expect(problemsOf(process, complete)).toEqual([]);
  });

  it('does not apply under APP_ENV=test (npm start, the simulator)', () => {
    expect(problemsOf('gateway', { DATABASE_URL: complete.DATABASE_URL, APP_ENV: 'test' })).toEqual([]);
  });

  it('names each missing variable once, per process', () => {
    const bare = { APP_ENV: 'prod', DATABASE_URL: complete.DATABASE_URL };
    expect(problemsOf('admin', bare)).toEqual(['OPERATOR_ISSUER is required under APP_ENV=prod']);
    expect(problemsOf('gateway', bare)).toHaveLength(5);
    expect(problemsOf('worker', bare).join('\n')).not.toContain('DECLARATION_INTAKE_URL');
  });

  it('lets the worker run without an intake (forwards recorded by hand), but only an https one when set', () => {
    expect(problemsOf('worker', { ...complete, DECLARATION_INTAKE_URL: undefined })).toEqual([]);
    expect(
      problemsOf('worker', { ...complete, DECLARATION_INTAKE_URL: 'http://localhost:3100/skatteetaten/tilslutning' }),
    ).toEqual(['DECLARATION_INTAKE_URL must be an https URL to a host that is not loopback under APP_ENV=prod']);
  });

  it('serves metrics apart under prod, on the API port under test unless METRICS_PORT says otherwise', () => {
    expect(loadConfig(complete, { process: 'gateway' }).metrics.port).toBe(9464);
    expect(loadConfig({ ...complete, APP_ENV: 'test' }).metrics.port).toBeUndefined();
    expect(problemsOf('gateway', { ...complete, METRICS_PORT: '3000' })).toEqual([
      'METRICS_PORT must differ from GATEWAY_PORT',
    ]);
  });

  it.each([
    ['https://inntekt.api.skatteetaten.no', true],
    ['http://inntekt.api.skatteetaten.no', false],
    ['https://localhost:3100', false],
    ['https://sim.localhost', false],
    ['https://127.0.0.1', false],
    ['https://127.8.9.10', false],
    ['https://0.0.0.0', false],
    ['https://[::1]', false],
    ['https://[::ffff:127.0.0.1]', false],
    ['https://10.0.0.1', true],
    ['not a url', false],
  ])('%s is a secure remote URL: %s', (url, secure) => {
    expect(isSecureRemoteUrl(url)).toBe(secure);
  });
});
