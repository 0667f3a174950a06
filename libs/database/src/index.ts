export * from './data-source-options.js';
export * from './database.module.js';
export * from './entities/index.js';
export * from './migration-runner.js';
export * from './tenant-scoped.repository.js';
export * from './change-listener.js';
