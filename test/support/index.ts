// The test library: what a suite needs to start processes, set up state and wait for outcomes.
export * from './db.js';
export * from './eventually.js';
export * from './gateway-rig.js';
export * from './given.js';
export * from './platform.js';
export * from './processes.js';
export * from './simulator.js';
export { seedActiveTenant } from './tenants.js';
export * from './test-context.js';
export * from './vedlegg.js';
