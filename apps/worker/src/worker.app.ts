import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { createHttpApp } from '../../../libs/runtime/src/index.js';
import { WorkerModule } from './worker.module.js';

export function createWorkerApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('worker', WorkerModule.forRoot(config), config);
}
