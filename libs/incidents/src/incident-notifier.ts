import { Injectable, Logger } from '@nestjs/common';
import { WebhookService } from '#notifications';
import { TenantService, type TenantView } from '#tenancy';
import { IncidentRepository } from './incident.repository.js';

export interface IncidentNotice {
  incidentId: string;
  actionId: string | null;
  /** `all`: every tenant that still has access (an API paused for everyone). */
  tenants: readonly string[] | 'all';
  event: string;
  data: Record<string, unknown>;
}

/**
 * Tells the affected municipalities' contacts about an incident: one webhook per contact with a
 * webhookUrl, delivered by the worker with retries (libs/notifications). A notice that cannot be
 * queued is logged and skipped: the action it reports has already been taken.
 */
@Injectable()
export class IncidentNotifier {
  private readonly logger = new Logger('IncidentNotifier');

  constructor(
    private readonly tenants: TenantService,
    private readonly webhooks: WebhookService,
    private readonly incidents: IncidentRepository,
  ) {}

  async notify(notice: IncidentNotice): Promise<string[]> {
    const recipients = await this.recipients(notice.tenants);
    const deliveryIds: string[] = [];
    for (const tenant of recipients) {
      for (const contact of tenant.contacts) {
        if (!contact.webhookUrl) continue;
        try {
          const delivery = await this.webhooks.enqueue(tenant.orgnr, contact.webhookUrl, notice.event, {
            incidentId: notice.incidentId,
            ...notice.data,
          });
          await this.incidents.linkNotification(notice.incidentId, delivery.id, notice.actionId);
          deliveryIds.push(delivery.id);
        } catch (error) {
          this.logger.error(
            {
              incidentId: notice.incidentId,
              tenant: tenant.orgnr,
              event: notice.event,
              reason: error instanceof Error ? error.message : String(error),
            },
            'incident notification not queued',
          );
        }
      }
    }
    return deliveryIds;
  }

  private async recipients(tenants: IncidentNotice['tenants']): Promise<TenantView[]> {
    if (tenants === 'all')
      return (await this.tenants.list()).filter(
        (tenant) => tenant.status === 'active' || tenant.status === 'suspended',
      );
    const views: TenantView[] = [];
    for (const orgnr of new Set(tenants)) {
      try {
        views.push(await this.tenants.get(orgnr));
      } catch {
        // A tenant named on the incident but gone since: nobody to tell.
      }
    }
    return views;
  }
}
