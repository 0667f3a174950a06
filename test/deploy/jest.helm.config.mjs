// `npm run helm:check`: the chart needs neither PostgreSQL nor a build, so no global database setup.
import base from '../../jest.config.mjs';

export default { ...base, rootDir: '../..', globalSetup: undefined, globalTeardown: undefined };
