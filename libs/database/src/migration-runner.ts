import type { DataSource } from 'typeorm';

/** Any fixed 64-bit number shared by every process that migrates this database. */
const MIGRATION_LOCK_KEY = 4_711_202_611;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so that several processes
 * starting at once (admin replicas, a Helm job) migrate exactly once. Returns the names applied.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
