import 'reflect-metadata';
import { configOrExit } from '#runtime/start-gate';

// Configuration first: a bad variable stops the process before the app's modules are loaded.
const config = configOrExit('simulator', { needsDatabase: false });
const [{ runMain }, { createSimulatorApp }] = await Promise.all([import('#runtime'), import('./simulator.app.js')]);
await runMain('simulator', config, createSimulatorApp, (loaded) => loaded.ports.simulator);
