import 'reflect-metadata';
import { configOrExit } from '#runtime/start-gate';

// Configuration first: a bad variable stops the process before the app's modules are loaded.
const config = configOrExit('gateway');
const [{ runMain }, { createGatewayApp }] = await Promise.all([import('#runtime'), import('./gateway.app.js')]);
await runMain('gateway', config, createGatewayApp, (loaded) => loaded.ports.gateway);
