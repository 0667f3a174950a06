export * from './mail-sender.js';
export * from './notice-outbox.js';
export * from './notice-sender.js';
export * from './notice-templates.js';
export * from './notice.repository.js';
export * from './notice.view.js';
