export * from './bootstrap.js';
export * from './health/checks.js';
export * from './health/health.module.js';
export * from './health/readiness-check.js';
export * from './metrics/metrics.module.js';
export * from './openapi/index.js';
export * from './platform.module.js';
export * from './redis/redis.module.js';
