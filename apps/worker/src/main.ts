import 'reflect-metadata';
import { runMain } from '../../../libs/runtime/src/index.js';
import { createWorkerApp } from './worker.app.js';

await runMain('worker', createWorkerApp, (config) => config.ports.worker);
