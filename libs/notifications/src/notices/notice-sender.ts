import { Injectable } from '@nestjs/common';
import type { NoticeEntity } from '#database';
import { failureCategory, WebhookDeliveryError } from '../webhook-failure.js';
import { WebhookSecretService } from '../webhook-secret.service.js';
import { WebhookSender } from '../webhook-sender.js';
import { MailDeliveryError, MailSender } from './mail-sender.js';

/** The outcome of one attempt: its failure's category, and whether trying again could help. */
export interface NoticeFailure {
  category: string;
  permanent: boolean;
}

/**
 * Sends one outbox notice by its channel: an e-mail over SMTP, or the existing signed webhook
 * (Standard Webhooks, the tenant's secrets; `webhook-id` is the notice id, stable across retries).
 */
@Injectable()
export class NoticeSender {
  constructor(
    private readonly mail: MailSender,
    private readonly webhooks: WebhookSender,
    private readonly secrets: WebhookSecretService,
  ) {}

  get emailEnabled(): boolean {
    return this.mail.enabled;
  }

  /** Undefined when sent; the failure otherwise. */
  async send(notice: NoticeEntity): Promise<NoticeFailure | undefined> {
    try {
      if (notice.channel === 'email') {
        await this.mail.send({
          to: notice.recipient,
          subject: notice.subject,
          text: notice.body,
          messageId: `<${notice.id}@delingsmegler>`,
        });
      } else {
        const body = JSON.stringify({
          event: notice.event,
          tenant: notice.tenantOrgnr,
          deliveryId: notice.id,
          data: notice.data,
        });
        await this.webhooks.send({
          url: notice.recipient,
          deliveryId: notice.id,
          body,
          secrets: await this.secrets.signingSecrets(notice.tenantOrgnr),
        });
      }
      return undefined;
    } catch (error) {
      if (error instanceof MailDeliveryError) return { category: error.category, permanent: error.permanent };
      const failure = new WebhookDeliveryError(failureCategory(error));
      return { category: failure.category, permanent: failure.permanent };
    }
  }
}
