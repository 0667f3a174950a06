import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { createHttpApp } from '../../../libs/runtime/src/index.js';
import { AdminModule } from './admin.module.js';

export function createAdminApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('admin', AdminModule.forRoot(config), config, {
    docs: {
      title: 'Delingsmegler admin',
      description: 'Operator API: onboarding of municipalities, policy, incidents and audit. Operator token required.',
    },
  });
}
