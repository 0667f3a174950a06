import { DataSource } from 'typeorm';
import { ConfigError, loadConfigFromProcess } from '#core';
import { createMigrationDataSourceOptions } from './data-source-options.js';
import { runMigrationsLocked } from './migration-runner.js';

/** `npm run migrate`: applies pending migrations as the schema owner (DATABASE_OWNER_URL) and exits. */
async function main(): Promise<void> {
  const dataSource = new DataSource(createMigrationDataSourceOptions(loadConfigFromProcess()));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Schema is up to date\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Migration failed: ${String(error)}`}\n`);
  process.exit(1);
});
