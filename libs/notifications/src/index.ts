export * from './address-policy.js';
export * from './notifications.module.js';
export * from './webhook-delivery.repository.js';
export * from './webhook-failure.js';
export * from './webhook-secret.service.js';
export * from './webhook-sender.js';
export * from './webhook-signature.js';
export * from './webhook.service.js';
