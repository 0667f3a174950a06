import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { NotificationsModule } from '../../../libs/notifications/src/index.js';
import { PlatformModule } from '../../../libs/runtime/src/index.js';
import { WebhookProcessor } from './notifications/webhook.processor.js';

/** Background jobs; serves only health and metrics over HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, 'worker'), NotificationsModule],
      providers: [WebhookProcessor],
    };
  }
}
