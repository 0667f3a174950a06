import 'reflect-metadata';
import { configOrExit } from '#runtime/start-gate';

// Configuration first: a bad variable stops the process before the app's modules are loaded.
const config = configOrExit('worker');
const [{ runMain }, { createWorkerApp }] = await Promise.all([import('#runtime'), import('./worker.app.js')]);
await runMain('worker', config, createWorkerApp, (loaded) => loaded.ports.worker);
