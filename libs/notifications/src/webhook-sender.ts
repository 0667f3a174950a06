import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, request } from 'undici';
import { APP_CONFIG, type AppConfig } from '#core';
import { webhookUrlRefusal } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';
import { failureCategory, httpFailure, WebhookDeliveryError } from './webhook-failure.js';
import { signatureHeaders } from './webhook-signature.js';

export interface OutgoingWebhook {
  url: string;
  deliveryId: string;
  /** The JSON text exactly as signed. */
  body: string;
  /** Signing secrets in force, current first. */
  secrets: readonly Buffer[];
}

/**
 * POSTs one signed notification. Anything but a 2xx within the timeout throws a
 * WebhookDeliveryError carrying only its category. Redirects are not followed (undici's default):
 * a 3xx could point anywhere.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly agent: Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { timeoutMs, allowPrivateAddresses } = config.webhooks;
    this.agent = new Agent({
      connect: { lookup: guardedLookup(allowPrivateAddresses), timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async send(webhook: OutgoingWebhook): Promise<void> {
    const { timeoutMs, allowPrivateAddresses } = this.config.webhooks;
    const refusal = webhookUrlRefusal(webhook.url, { environment: this.config.environment, allowPrivateAddresses });
    if (refusal) throw new WebhookDeliveryError(refusal.category);
    const headers = {
      'content-type': 'application/json',
      'x-delivery-id': webhook.deliveryId,
      ...signatureHeaders(webhook.secrets, webhook.deliveryId, Math.floor(Date.now() / 1000), webhook.body),
    };
    let status: number;
    try {
      const response = await request(webhook.url, {
        dispatcher: this.agent,
        method: 'POST',
        headers,
        body: webhook.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.statusCode;
      await response.body.dump();
    } catch (error) {
      throw new WebhookDeliveryError(failureCategory(error));
    }
    if (status < 200 || status >= 300) throw httpFailure(status);
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }
}
