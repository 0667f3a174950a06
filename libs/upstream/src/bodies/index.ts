export * from './body-check.js';
export * from './body-contracts.js';
