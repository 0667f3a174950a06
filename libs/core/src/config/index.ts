export * from './app-config.js';
export * from './config.module.js';
export { ConfigError, EnvReader, type Environment } from './env-reader.js';
export * from './upstream-config.js';
