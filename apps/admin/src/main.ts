import 'reflect-metadata';
import { runMain } from '../../../libs/runtime/src/index.js';
import { createAdminApp } from './admin.app.js';

await runMain('admin', createAdminApp, (config) => config.ports.admin);
