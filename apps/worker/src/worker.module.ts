import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '#core';
import { MaskinportenModule } from '#maskinporten';
import { NotificationsModule } from '#notifications';
import { RegistrationsModule } from '#registrations';
import { PlatformModule } from '#runtime';
import { UpstreamModule } from '#upstream';
import { AuditWorkerModule } from './audit/audit-worker.module.js';
import { WebhookProcessor } from './notifications/webhook.processor.js';
import { NoticesWorkerModule } from './notifications/notices-worker.module.js';
import { RegistrationSweeper } from './registrations/registration-sweeper.js';
import { RegistrationProcessor } from './registrations/registration.processor.js';
import { VedleggRetention } from './registrations/vedlegg-retention.js';
import { TenancyWorkerModule } from './tenancy/tenancy-worker.module.js';

/** Background jobs; serves only health and metrics over HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, 'worker'),
        MaskinportenModule.forRoot(),
        UpstreamModule,
        NotificationsModule,
        RegistrationsModule,
        AuditWorkerModule,
        TenancyWorkerModule,
        NoticesWorkerModule,
      ],
      providers: [WebhookProcessor, RegistrationProcessor, RegistrationSweeper, VedleggRetention],
    };
  }
}
