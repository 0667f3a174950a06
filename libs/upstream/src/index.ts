export * from './catalogue.js';
export * from './upstream-config.js';
