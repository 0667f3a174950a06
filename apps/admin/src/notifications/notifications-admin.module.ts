import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../../../libs/notifications/src/index.js';
import { TenancyModule } from '../../../../libs/tenancy/src/index.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { DeadLettersService } from './dead-letters.service.js';

/** The dead-letter routes of the admin API: failed webhook deliveries, listed and retried. */
@Module({
  imports: [NotificationsModule, TenancyModule],
  controllers: [DeadLettersController],
  providers: [DeadLettersService],
})
export class NotificationsAdminModule {}
