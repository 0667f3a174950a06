import 'reflect-metadata';
import { configOrExit } from '#runtime/start-gate';

// Configuration first: a bad variable stops the process before the app's modules are loaded.
const config = configOrExit('admin');
const [{ runMain }, { createAdminApp }] = await Promise.all([import('#runtime'), import('./admin.app.js')]);
await runMain('admin', config, createAdminApp, (loaded) => loaded.ports.admin);
