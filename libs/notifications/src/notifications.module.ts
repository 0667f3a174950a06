import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryEntity } from '../../database/src/index.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookService } from './webhook.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookDeliveryEntity])],
  providers: [WebhookDeliveryRepository, WebhookService],
  exports: [WebhookDeliveryRepository, WebhookService],
})
export class NotificationsModule {}
