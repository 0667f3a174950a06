import { Module } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { TenancyModule } from '#tenancy';
import { AffectedRequestsRepository } from './affected-requests.repository.js';
import { IncidentActionsService } from './incident-actions.service.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentReportService } from './incident-report.service.js';
import { IncidentRepository } from './incident.repository.js';
import { IncidentService } from './incident.service.js';
import { MeasuresRepository } from './measures.repository.js';

/** Incidents, their timeline and actions (issue 8). Needs PlatformModule (DataSource, queues, config). */
@Module({
  imports: [TenancyModule, NotificationsModule],
  providers: [
    IncidentService,
    IncidentActionsService,
    IncidentReportService,
    IncidentNotifier,
    IncidentRepository,
    MeasuresRepository,
    AffectedRequestsRepository,
  ],
  exports: [IncidentService, IncidentActionsService, IncidentReportService],
})
export class IncidentsModule {}
