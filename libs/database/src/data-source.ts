import { DataSource } from 'typeorm';
import { loadConfigFromProcess } from '#core';
import { createMigrationDataSourceOptions } from './data-source-options.js';

/** The data source for the TypeORM CLI (as the schema owner, like `npm run migrate`): `npx typeorm migration:show -d dist/libs/database/src/data-source.js`. */
export default new DataSource(createMigrationDataSourceOptions(loadConfigFromProcess()));
