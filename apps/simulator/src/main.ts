import 'reflect-metadata';
import { runMain } from '../../../libs/runtime/src/index.js';
import { createSimulatorApp } from './simulator.app.js';

await runMain('simulator', createSimulatorApp, (config) => config.ports.simulator, { needsDatabase: false });
