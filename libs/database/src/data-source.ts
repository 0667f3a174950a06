import { DataSource } from 'typeorm';
import { loadConfigFromProcess } from '../../core/src/index.js';
import { createDataSourceOptions } from './data-source-options.js';

/** The data source for the TypeORM CLI: `npx typeorm migration:show -d dist/libs/database/src/data-source.js`. */
export default new DataSource(createDataSourceOptions(loadConfigFromProcess().database));
