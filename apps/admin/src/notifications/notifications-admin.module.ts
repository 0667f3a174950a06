import { Module } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { TenancyModule } from '#tenancy';
import { DeadLettersController } from './dead-letters.controller.js';
import { DeadLettersService } from './dead-letters.service.js';
import { NoticesController } from './notices.controller.js';
import { NoticesAdminService } from './notices.service.js';
import { WebhookSecretsController } from './webhook-secrets.controller.js';
import { WebhookSecretsAdminService } from './webhook-secrets.service.js';

/** The webhook routes of the admin API: failed deliveries (listed and retried), the tenants' signing secrets, the notice outbox. */
@Module({
  imports: [NotificationsModule, TenancyModule],
  controllers: [DeadLettersController, WebhookSecretsController, NoticesController],
  providers: [DeadLettersService, WebhookSecretsAdminService, NoticesAdminService],
})
export class NotificationsAdminModule {}
