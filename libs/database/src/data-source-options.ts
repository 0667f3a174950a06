import type { DataSourceOptions } from 'typeorm';
import { type AppConfig, ConfigError } from '#core';
import { MIGRATIONS } from '#migrations';
import { ENTITIES } from './entities/index.js';

/** One definition of the connection, shared by the apps, the migration runner and the TypeORM CLI. */
export function createDataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // Migrations own the schema; pgcrypto's gen_random_uuid() is built into PostgreSQL 13+.
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: database.poolSize, connectionTimeoutMillis: 5000 },
  };
}

/**
 * The connection migrations run on: the schema owner (DATABASE_OWNER_URL). The runtime role cannot
 * migrate (it owns nothing); only under APP_ENV=test may a single-role setup migrate with DATABASE_URL.
 */
export function createMigrationDataSourceOptions(
  config: Pick<AppConfig, 'environment' | 'database'>,
): DataSourceOptions {
  const { ownerUrl, url } = config.database;
  if (!ownerUrl && config.environment !== 'test') {
    throw new ConfigError([
      'DATABASE_OWNER_URL is required to migrate (the schema owner, delingsmegler_owner; DATABASE_URL is the runtime role)',
    ]);
  }
  return createDataSourceOptions({ ...config.database, url: ownerUrl ?? url, poolSize: 2 });
}
