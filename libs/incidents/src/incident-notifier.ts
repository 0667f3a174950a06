import { Injectable, Logger } from '@nestjs/common';
import { NoticeOutbox, WebhookService } from '#notifications';
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

const SUMMARIES: Record<string, string> = {
  'incident.tenant-suspended': 'Kommunens tilgang er suspendert',
  'incident.tenant-resumed': 'Suspensjonen av kommunens tilgang er opphevet',
  'incident.supplier-revoked': 'En leverandørs tilgang på vegne av kommunen er trukket tilbake',
  'incident.api-paused': 'Et API er midlertidig stengt for alle kommuner',
  'incident.api-resumed': 'Et midlertidig stengt API er åpnet igjen',
};

/** A Norwegian line for the e-mail: the event in words, with the API or APIs it concerns. */
function summaryOf(notice: IncidentNotice): string {
  const words = SUMMARIES[notice.event] ?? `Tiltak: ${notice.event}`;
  const apis = notice.data.apis ?? notice.data.api;
  return apis && apis !== 'all' ? `${words} (${Array.isArray(apis) ? apis.join(', ') : String(apis)})` : words;
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
    private readonly notices: NoticeOutbox,
  ) {}

  async notify(notice: IncidentNotice): Promise<string[]> {
    const recipients = await this.recipients(notice.tenants);
    const deliveryIds: string[] = [];
    for (const tenant of recipients) {
      // E-mail through the outbox (the webhooks below keep their incident links and dead letters).
      await this.notices
        .enqueueNow(tenant.orgnr, {
          event: 'incident.action',
          channels: ['email'],
          data: { incidentId: notice.incidentId, event: notice.event, summary: summaryOf(notice) },
        })
        .catch((error: unknown) =>
          this.logger.error(
            {
              incidentId: notice.incidentId,
              tenant: tenant.orgnr,
              reason: error instanceof Error ? error.message : String(error),
            },
            'incident e-mail not queued',
          ),
        );
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
