import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IncidentView, TimelineEntryView, toIncidentView, toTimelineEntryView } from './incident.dto.js';
import { IncidentActionView, toIncidentActionViews } from './incident-action.dto.js';
import { AffectedRequestsRepository } from './affected-requests.repository.js';
import { IncidentRepository } from './incident.repository.js';
import { IncidentService } from './incident.service.js';

export class IncidentNotificationView {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actionId!: string | null;
  @ApiProperty() tenant!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: 'pending' | 'delivered' | 'failed';
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
}

export class AffectedRequestsView {
  /** The tenants counted: the incident's affected tenants (actions on a tenant add it). */
  @ApiProperty({ type: [String], description: "The incident's affected tenants (actions on a tenant add it)" })
  tenants!: string[];
  @ApiProperty({ format: 'date-time' }) from!: string;
  /** null while the incident is not closed: counted up to now. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while not closed: up to now' })
  to!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty() allowed!: number;
  @ApiProperty() denied!: number;
  /** Denied requests per problem code. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Denied requests per problem code',
  })
  deniedByReason!: Record<string, number>;
}

/** What an incident report holds. */
export class IncidentReport {
  @ApiProperty({ type: IncidentView }) incident!: IncidentView;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
  @ApiProperty({ type: [IncidentActionView] }) actions!: IncidentActionView[];
  @ApiProperty({ type: [IncidentNotificationView] }) notifications!: IncidentNotificationView[];
  @ApiProperty({ type: AffectedRequestsView }) affectedRequests!: AffectedRequestsView;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

/** What happened under an incident: its timeline, the actions taken, the notifications sent, and the requests it touched. */
@Injectable()
export class IncidentReportService {
  constructor(
    private readonly incidentService: IncidentService,
    private readonly incidents: IncidentRepository,
    private readonly affectedRequests: AffectedRequestsRepository,
  ) {}

  async report(id: string): Promise<IncidentReport> {
    const incident = await this.incidentService.require(id);
    const [timeline, actions, notifications, counts] = await Promise.all([
      this.incidents.timeline(incident.id),
      this.incidents.actions(incident.id),
      this.incidents.notifications(incident.id),
      this.affectedRequests.count(incident.affectedTenants, incident.openedAt, incident.closedAt),
    ]);
    const allowed = counts.filter((row) => row.decision === 'allow').reduce((sum, row) => sum + row.count, 0);
    const deniedRows = counts.filter((row) => row.decision === 'deny');
    const deniedByReason: Record<string, number> = {};
    for (const row of deniedRows)
      deniedByReason[row.reasonCode ?? 'unknown'] = (deniedByReason[row.reasonCode ?? 'unknown'] ?? 0) + row.count;
    const denied = deniedRows.reduce((sum, row) => sum + row.count, 0);
    return {
      incident: toIncidentView(incident),
      timeline: timeline.map(toTimelineEntryView),
      actions: toIncidentActionViews(actions, notifications),
      notifications: notifications.map((row) => ({
        deliveryId: row.deliveryId,
        actionId: row.actionId,
        tenant: row.tenantOrgnr,
        event: row.event,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: new Date(row.createdAt).toISOString(),
        deliveredAt: row.deliveredAt ? new Date(row.deliveredAt).toISOString() : null,
      })),
      affectedRequests: {
        tenants: [...incident.affectedTenants],
        from: incident.openedAt.toISOString(),
        to: incident.closedAt?.toISOString() ?? null,
        total: allowed + denied,
        allowed,
        denied,
        deniedByReason,
      },
      generatedAt: new Date().toISOString(),
    };
  }
}
