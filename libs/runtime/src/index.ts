// #runtime: what apps, other libraries and tests import; the rest stays inside the library.
export { createHttpApp, runMain } from './bootstrap.js';
export { HealthModule } from './health/health.module.js';
export { type ReadinessCheck, withTimeout } from './health/readiness-check.js';
export { MetricsModule, MetricsRegistry } from './metrics/metrics.module.js';
export { ApiProblems, problemResponses } from './openapi/api-problems.decorator.js';
export { type DocsOptions, previewOpenApiDocument } from './openapi/document.js';
export { PlatformModule } from './platform.module.js';
export { RedisClient } from './redis/redis.module.js';
