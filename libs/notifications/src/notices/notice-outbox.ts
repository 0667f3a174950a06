import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#core';
import { type NewNotice, NoticeRepository } from './notice.repository.js';
import { type NoticeEvent, renderNotice } from './notice-templates.js';

export interface NoticeRequest {
  event: NoticeEvent;
  /** Facts for the template and the webhook's `data`; never a person's name or identifier. */
  data: Record<string, unknown>;
  /** Once per key (and recipient): for reminders that the sweeper may schedule more than once. */
  dedupeKey?: string;
  /** Only these channels (both when absent). */
  channels?: ReadonlyArray<NewNotice['channel']>;
}

/**
 * Enqueues notices to a tenant's contacts, in the caller's transaction: one e-mail per contact
 * with an address (when SMTP_URL is set) and one signed webhook per contact with a webhookUrl.
 * The worker's sweeper sends them; a rolled-back change leaves no notice behind.
 */
@Injectable()
export class NoticeOutbox {
  constructor(
    private readonly notices: NoticeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(manager: EntityManager, tenantOrgnr: string, request: NoticeRequest): Promise<number> {
    const tenant = await this.notices.recipientsOf(tenantOrgnr, manager);
    if (!tenant) return 0;
    const { subject, body } = renderNotice(request.event, {
      tenantName: tenant.name,
      tenantOrgnr: tenant.orgnr,
      data: request.data,
    });
    const rows: NewNotice[] = [];
    const add = (channel: NewNotice['channel'], recipient: string) => {
      if (request.channels && !request.channels.includes(channel)) return;
      if (rows.some((row) => row.channel === channel && row.recipient === recipient)) return;
      rows.push({
        event: request.event,
        channel,
        recipient,
        subject,
        body,
        data: request.data,
        dedupeKey: request.dedupeKey ? `${request.dedupeKey}:${channel}:${recipient}` : null,
      });
    };
    for (const contact of tenant.contacts) {
      if (contact.email && this.config.notices.smtpUrl) add('email', contact.email.toLowerCase());
      if (contact.webhookUrl) add('webhook', contact.webhookUrl);
    }
    return this.notices.insert(tenant.orgnr, rows, manager);
  }

  /** In a transaction of its own: for a change already committed whose notice could not share it. */
  enqueueNow(tenantOrgnr: string, request: NoticeRequest): Promise<number> {
    return this.notices.transaction((manager) => this.enqueue(manager, tenantOrgnr, request));
  }
}
