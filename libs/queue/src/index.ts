// #queue: what apps, other libraries and tests import; the rest stays inside the library.
export { JobDispatcher } from './job-dispatcher.js';
export { QueueModule } from './queue.module.js';
export { type JobPayload, QUEUES } from './queues.js';
