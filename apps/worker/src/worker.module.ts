import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { MaskinportenModule } from '../../../libs/maskinporten/src/index.js';
import { NotificationsModule } from '../../../libs/notifications/src/index.js';
import { RegistrationsModule } from '../../../libs/registrations/src/index.js';
import { PlatformModule } from '../../../libs/runtime/src/index.js';
import { UpstreamModule } from '../../../libs/upstream/src/index.js';
import { AuditWorkerModule } from './audit/audit-worker.module.js';
import { WebhookProcessor } from './notifications/webhook.processor.js';
import { RegistrationSweeper } from './registrations/registration-sweeper.js';
import { RegistrationProcessor } from './registrations/registration.processor.js';
import { TenancyWorkerModule } from './tenancy/tenancy-worker.module.js';

/** Background jobs; serves only health and metrics over HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, 'worker'), MaskinportenModule.forRoot(), UpstreamModule, NotificationsModule, RegistrationsModule, AuditWorkerModule, TenancyWorkerModule],
      providers: [WebhookProcessor, RegistrationProcessor, RegistrationSweeper],
    };
  }
}
