import 'reflect-metadata';
import { runMain } from '../../../libs/runtime/src/index.js';
import { createGatewayApp } from './gateway.app.js';

await runMain('gateway', createGatewayApp, (config) => config.ports.gateway);
