export * from './legal-bases.js';
export * from './policy-input.js';
export * from './evaluator.js';
export * from './permit.js';
