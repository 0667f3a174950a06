import { Module } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { TenancyModule } from '#tenancy';
import { DeadLettersController } from './dead-letters.controller.js';
import { DeadLettersService } from './dead-letters.service.js';
import { WebhookSecretsController } from './webhook-secrets.controller.js';
import { WebhookSecretsAdminService } from './webhook-secrets.service.js';

/** The webhook routes of the admin API: failed deliveries (listed and retried) and the tenants' signing secrets. */
@Module({
  imports: [NotificationsModule, TenancyModule],
  controllers: [DeadLettersController, WebhookSecretsController],
  providers: [DeadLettersService, WebhookSecretsAdminService],
})
export class NotificationsAdminModule {}
