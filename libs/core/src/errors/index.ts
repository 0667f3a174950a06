export * from './domain-error.js';
export * from './problem-catalogue.js';
export * from './problem.filter.js';
export * from './validation.js';
