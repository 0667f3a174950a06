import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './env-reader.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dm' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.environment).toBe('prod');
    expect(config.ports).toEqual({ gateway: 3000, admin: 3001, worker: 3002, simulator: 3100 });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'dm', jobAddTimeoutMs: 2000 });
  });

  it('names every offending variable in one error', () => {
    const problems = problemsOf({
      GATEWAY_PORT: 'abc',
      APP_ENV: 'staging',
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://x',
      MIGRATE_ON_ADMIN_START: 'perhaps',
    });
    expect(problems).toHaveLength(6);
    for (const name of [
      'GATEWAY_PORT',
      'APP_ENV',
      'LOG_LEVEL',
      'REDIS_URL',
      'MIGRATE_ON_ADMIN_START',
      'DATABASE_URL',
    ]) {
      expect(problems.join('\n')).toContain(name);
    }
  });

  it.each([
    ['ADMIN_PORT', '70000'],
    ['ADMIN_PORT', '-1'],
    ['ADMIN_PORT', '3.5'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_PREFIX', 'has spaces'],
    ['QUEUE_ADD_TIMEOUT_MS', '10'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsOf({ ...valid, [name]: value }).join()).toContain(name);
  });

  it('never echoes a database URL, which may hold a password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:s3cret@host/db' });
    expect(problems.join()).not.toContain('s3cret');
  });

  it('reads the 2026 transition: a day that begins at midnight in Norway, the maximum age and the answer field', () => {
    const defaults = loadConfig(valid);
    expect(defaults.policy.samordnetTrekk).toEqual({ transitionUntil: '2026-12-31T23:00:00.000Z', maxAgeDays: 30 });
    expect(defaults.upstream.utleggstrekk.samordnetTrekkField).toBe('harSamordnetTrekk');
    expect(
      loadConfig({ ...valid, UTLEGGSTREKK_TRANSITION_UNTIL: '2026-07-01' }).policy.samordnetTrekk.transitionUntil,
    ).toBe('2026-06-30T22:00:00.000Z');
    const problems = problemsOf({
      ...valid,
      UTLEGGSTREKK_TRANSITION_UNTIL: '2026-02-30',
      UTLEGGSTREKK_SAMORDNET_TREKK_MAX_AGE_DAYS: '0',
      UTLEGGSTREKK_SAMORDNET_TREKK_FIELD: 'har-trekk',
    });
    expect(problems.join('\n')).toMatch(/UTLEGGSTREKK_TRANSITION_UNTIL/);
    expect(problems.join('\n')).toMatch(/UTLEGGSTREKK_SAMORDNET_TREKK_MAX_AGE_DAYS/);
    expect(problems.join('\n')).toMatch(/UTLEGGSTREKK_SAMORDNET_TREKK_FIELD/);
  });

  it('lets the simulator run without a database', () => {
    expect(loadConfig({}, { needsDatabase: false }).database.url).toBe('');
  });

  it('lets webhooks reach private addresses only under APP_ENV=test, and only when asked', () => {
    expect(loadConfig(valid).webhooks).toMatchObject({
      allowPrivateAddresses: false,
      secretOverlapSeconds: 86_400,
      secretEncryptionKeys: [],
    });
    expect(loadConfig({ ...valid, APP_ENV: 'test' }).webhooks).toMatchObject({
      allowPrivateAddresses: false,
      secretEncryptionKeys: [expect.objectContaining({ id: 'test-whk-1' })],
    });
    expect(
      loadConfig({ ...valid, APP_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }).webhooks.allowPrivateAddresses,
    ).toBe(true);
    expect(problemsOf({ ...valid, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' })).toEqual([
      'WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true is only allowed with APP_ENV=test',
    ]);
  });
});
