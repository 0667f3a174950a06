// #incidents: what apps, other libraries and tests import; the rest stays inside the library.
export { IncidentActionDto, IncidentActionView } from './incident-action.dto.js';
export { IncidentActionsService } from './incident-actions.service.js';
export { IncidentReport, IncidentReportService } from './incident-report.service.js';
export {
  CreateIncidentDto,
  IncidentView,
  ListIncidentsQuery,
  TimelineEntryView,
  TimelineNoteDto,
  UpdateIncidentDto,
} from './incident.dto.js';
export { IncidentDetailView, IncidentService } from './incident.service.js';
export { IncidentsModule } from './incidents.module.js';
