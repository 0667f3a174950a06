import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#core';
import { createHttpApp } from '#runtime';
import { SimulatorModule } from './simulator.module.js';

export function createSimulatorApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('simulator', SimulatorModule.forRoot(config), config);
}
export type { ReceivedMail } from './mail/mail-sink.js';
