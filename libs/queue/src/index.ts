export * from './job-dispatcher.js';
export * from './queue.module.js';
export * from './queues.js';
