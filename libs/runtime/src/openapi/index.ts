export * from './api-problems.decorator.js';
export * from './document.js';
export * from './problem.schema.js';
