import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#core';
import { createHttpApp } from '#runtime';
import { GatewayModule } from './gateway.module.js';

export function createGatewayApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('gateway', GatewayModule.forRoot(config), config, {
    docs: {
      title: 'Delingsmegler gateway',
      description:
        'Tenant-facing API: municipalities fetch income and tax-basis data from Skatteetaten and register wage attachments, under policy and audit.',
    },
  });
}
