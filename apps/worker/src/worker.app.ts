import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#core';
import { createHttpApp } from '#runtime';
import { WorkerModule } from './worker.module.js';

export function createWorkerApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('worker', WorkerModule.forRoot(config), config);
}
