import { Module } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { TenancyModule } from '#tenancy';
import { NoticeSweeper } from './notice-sweeper.js';

/** The notice outbox's sender (e-mail and webhooks) and the re-signing reminders. */
@Module({
  imports: [TenancyModule, NotificationsModule],
  providers: [NoticeSweeper],
  exports: [NoticeSweeper],
})
export class NoticesWorkerModule {}
