// The gateway suites' helpers now live in test/support; these names stay for suites written against them.
export { connectPlatform, PATHS, PLATFORM_ORG, PLATFORM_SCOPE, SKATTEETATEN_SCOPES } from '../support/platform.js';
