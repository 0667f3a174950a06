export * from './app-config.js';
export * from './audit-config.js';
export * from './config.module.js';
export { ConfigError, EnvReader, type Environment } from './env-reader.js';
export * from './upstream-config.js';
export * from './operator-auth-config.js';
export * from './policy-config.js';
export * from './production-profile.js';
export * from './webhook-config.js';
