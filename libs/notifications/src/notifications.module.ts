import { Module } from '@nestjs/common';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookSecretRepository } from './webhook-secret.repository.js';
import { WebhookSecretService } from './webhook-secret.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookService } from './webhook.service.js';

@Module({
  providers: [WebhookDeliveryRepository, WebhookService, WebhookSecretRepository, WebhookSecretService, WebhookSender],
  exports: [WebhookDeliveryRepository, WebhookService, WebhookSecretService, WebhookSender],
})
export class NotificationsModule {}
