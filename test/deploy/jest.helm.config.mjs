// `npm run helm:check`: the chart needs neither PostgreSQL nor a build, so no global database setup.
import { typescript } from '../../jest.config.mjs';

export default { ...typescript, rootDir: '../..', testRegex: '\\.e2e-spec\\.ts$', testTimeout: 60000, maxWorkers: 2 };
