import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateIncidentDto,
  IncidentActionDto,
  IncidentActionsService,
  IncidentActionView,
  IncidentDetailView,
  IncidentReport,
  IncidentReportService,
  IncidentService,
  IncidentView,
  ListIncidentsQuery,
  TimelineEntryView,
  TimelineNoteDto,
  UpdateIncidentDto,
} from '#incidents';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('incidents')
@OperatorAuth()
@Controller('admin/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly actions: IncidentActionsService,
    private readonly reports: IncidentReportService,
  ) {}

  @Post()
  @Roles('incident-manager')
  @ApiOperation({ summary: "Open an incident; the affected tenants' contacts get a webhook" })
  @ApiCreatedResponse({ type: IncidentView })
  @ApiOperatorProblems('invalid-request', 'queue-unavailable')
  open(@Body() body: CreateIncidentDto, @CurrentOperator() operator: Operator): Promise<IncidentView> {
    return this.incidents.open(body, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [IncidentView] })
  @ApiOperatorProblems('invalid-request')
  list(@Query() query: ListIncidentsQuery): Promise<IncidentView[]> {
    return this.incidents.list(query);
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiOperatorProblems('invalid-request', 'incident-not-found')
  get(@Param('id') id: string): Promise<IncidentDetailView> {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @Roles('incident-manager')
  @ApiOperation({
    summary:
      'Change status (open → mitigating → resolved → closed; 409 invalid-transition), severity, summary or affected tenants/APIs',
  })
  @ApiOkResponse({ type: IncidentView })
  @ApiOperatorProblems('invalid-request', 'incident-not-found', 'invalid-transition', 'incident-closed')
  update(
    @Param('id') id: string,
    @Body() body: UpdateIncidentDto,
    @CurrentOperator() operator: Operator,
  ): Promise<IncidentView> {
    return this.incidents.update(id, body, operator);
  }

  @Post(':id/timeline')
  @Roles('incident-manager')
  @ApiCreatedResponse({ type: TimelineEntryView })
  @ApiOperatorProblems('invalid-request', 'incident-not-found', 'incident-closed')
  addNote(
    @Param('id') id: string,
    @Body() body: TimelineNoteDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TimelineEntryView> {
    return this.incidents.addNote(id, body, operator);
  }

  @Post(':id/actions')
  @Roles('incident-manager')
  @ApiOperation({
    summary:
      'Take a measure: suspend/resume a tenant, revoke a supplier, block/unblock a data subject, re-verify delegations, flush tokens, pause/resume an API',
  })
  @ApiCreatedResponse({ type: IncidentActionView })
  @ApiOperatorProblems(
    'invalid-request',
    'invalid-orgnr',
    'invalid-personidentifikator',
    'incident-not-found',
    'incident-closed',
    'tenant-not-found',
    'supplier-not-found',
    'invalid-transition',
    'api-already-paused',
    'api-not-paused',
    'subject-already-blocked',
    'subject-block-not-found',
    'subject-blocking-unavailable',
    'queue-unavailable',
  )
  act(
    @Param('id') id: string,
    @Body() body: IncidentActionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<IncidentActionView> {
    return this.actions.perform(id, body, operator);
  }

  @Get(':id/report')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary: 'Timeline, actions, notifications and the requests of the affected tenants found in the audit log',
  })
  @ApiOkResponse({ type: IncidentReport })
  @ApiOperatorProblems('invalid-request', 'incident-not-found', 'audit-unavailable')
  report(@Param('id') id: string): Promise<IncidentReport> {
    return this.reports.report(id);
  }
}
