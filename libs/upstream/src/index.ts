export * from './catalogue.js';
export * from './circuit-breaker.js';
export * from './concurrency-limiter.js';
