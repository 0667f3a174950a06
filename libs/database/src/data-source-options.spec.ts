import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#core';
import { createMigrationDataSourceOptions } from './data-source-options.js';

const runtime = 'postgres://delingsmegler_app@127.0.0.1:5432/dm';
const owner = 'postgres://delingsmegler_owner@127.0.0.1:5432/dm';
const urlOf = (env: Record<string, string>) =>
  (createMigrationDataSourceOptions(loadConfig({ DATABASE_URL: runtime, ...env })) as { url: string }).url;

describe('the connection migrations run on', () => {
  it('is the schema owner (DATABASE_OWNER_URL) when set, in every environment', () => {
    expect(urlOf({ DATABASE_OWNER_URL: owner })).toBe(owner);
    expect(urlOf({ APP_ENV: 'test', DATABASE_OWNER_URL: owner })).toBe(owner);
  });

  it('falls back to DATABASE_URL only under APP_ENV=test (a single-role development setup)', () => {
    expect(urlOf({ APP_ENV: 'test' })).toBe(runtime);
    expect(() => urlOf({})).toThrow(ConfigError);
    expect(() => urlOf({})).toThrow(/DATABASE_OWNER_URL is required to migrate/);
  });

  it('refuses a DATABASE_OWNER_URL that is not a PostgreSQL URL, without echoing it', () => {
    expect(() => loadConfig({ DATABASE_URL: runtime, DATABASE_OWNER_URL: 'mysql://root:s3cret@db/dm' })).toThrow(
      /DATABASE_OWNER_URL must be a postgres or postgresql URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: runtime, DATABASE_OWNER_URL: 'mysql://root:s3cret@db/dm' })).not.toThrow(
      /s3cret/,
    );
  });
});
