// Jest runs as ESM because NestJS 12 is ESM-only (see shared/reference/stack.md).
import { readFileSync } from 'node:fs';

// Each package.json "imports" name (#core, #audit, …) points at the built file; tests load the source.
const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const importsToSources = Object.fromEntries(
  Object.entries(imports).map(([name, target]) => [
    `^${name}$`,
    `<rootDir>/${target.replace(/^\.\/(dist\/)?/, '').replace(/\.js$/, '.ts')}`,
  ]),
);

/** What both projects share (and test/deploy/jest.helm.config.mjs): ESM TypeScript from the sources. */
export const typescript = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { ...importsToSources, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    // @fastify/static (CJS) requires content-disposition 3 (ESM only); Jest on Node 20 cannot
    // require ESM, so that one package is compiled to CommonJS for the test run.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      {
        useESM: false,
        tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

// Two projects that can run alone (npm run test:unit, npm run test:e2e) or together (npm test):
// *.spec.ts needs no PostgreSQL, Redis or built processes; *.e2e-spec.ts runs against the real
// services, from a migrated template database (global-setup, only when an e2e test runs) and dist/.
export default {
  projects: [
    { ...typescript, displayName: 'unit', testRegex: '\\.spec\\.ts$' },
    {
      ...typescript,
      displayName: 'e2e',
      testRegex: '\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
  maxWorkers: 2,
  // Jest takes the timeout from the top level only, not from a project.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};
