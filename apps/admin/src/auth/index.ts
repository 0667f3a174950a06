export * from './current-operator.decorator.js';
export * from './operator-auth.guard.js';
export * from './operator-auth.module.js';
export * from './operator-token-verifier.js';
export * from './operator.js';
export * from './roles.decorator.js';
