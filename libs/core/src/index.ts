export * from './clock.js';
export * from './config/index.js';
export * from './crypto/index.js';
export * from './errors/index.js';
export * from './identifiers/index.js';
export * from './logging/index.js';
