export * from './notifications.module.js';
export * from './webhook-delivery.repository.js';
export * from './webhook-sender.js';
export * from './webhook.service.js';
