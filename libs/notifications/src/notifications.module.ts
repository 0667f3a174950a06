import { Module } from '@nestjs/common';
import { MailSender } from './notices/mail-sender.js';
import { NoticeOutbox } from './notices/notice-outbox.js';
import { NoticeSender } from './notices/notice-sender.js';
import { NoticeRepository } from './notices/notice.repository.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookSecretRepository } from './webhook-secret.repository.js';
import { WebhookSecretService } from './webhook-secret.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookService } from './webhook.service.js';

@Module({
  providers: [
    WebhookDeliveryRepository,
    WebhookService,
    WebhookSecretRepository,
    WebhookSecretService,
    WebhookSender,
    MailSender,
    NoticeSender,
    NoticeRepository,
    NoticeOutbox,
  ],
  exports: [
    WebhookDeliveryRepository,
    WebhookService,
    WebhookSecretService,
    WebhookSender,
    MailSender,
    NoticeSender,
    NoticeRepository,
    NoticeOutbox,
  ],
})
export class NotificationsModule {}
