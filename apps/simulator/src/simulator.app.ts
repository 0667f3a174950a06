import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { createHttpApp } from '../../../libs/runtime/src/index.js';
import { SimulatorModule } from './simulator.module.js';

export function createSimulatorApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('simulator', SimulatorModule.forRoot(config), config);
}
