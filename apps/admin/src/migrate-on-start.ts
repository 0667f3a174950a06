import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#core';
import { createMigrationDataSourceOptions, runMigrationsLocked } from '#database';

/**
 * The admin process applies pending migrations before it serves (under the advisory lock), on its
 * own short-lived connection as the schema owner: the runtime role it serves with cannot migrate.
 */
@Injectable()
export class MigrateOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Migrations');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.database.migrateOnAdminStart) return;
    const dataSource = await new DataSource(createMigrationDataSourceOptions(this.config)).initialize();
    try {
      const applied = await runMigrationsLocked(dataSource);
      if (applied.length > 0) this.logger.log({ applied }, 'applied migrations');
    } finally {
      await dataSource.destroy();
    }
  }
}
