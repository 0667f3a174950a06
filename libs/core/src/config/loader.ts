// The configuration loader alone, without Nest or drivers: what a process's start gate loads first.
export { type AppConfig, type LoadOptions, loadConfigFromProcess } from './app-config.js';
export { ConfigError } from './env-reader.js';
export type { ProcessName } from './production-profile.js';
