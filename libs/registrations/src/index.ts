export * from './registration-audit.js';
export * from './registration-sender.js';
export * from './registration.repository.js';
export * from './registration.service.js';
export * from './registrations.module.js';
export * from './samordnet-trekk.ledger.js';
export * from './samordnet-trekk.repository.js';
export * from './send-policy.js';
