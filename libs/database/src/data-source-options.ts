import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../core/src/index.js';
import { MIGRATIONS } from '../../../migrations/index.js';
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
