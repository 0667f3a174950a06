import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import type {
  IncidentEntity,
  IncidentSeverity,
  IncidentStatus,
  IncidentTimelineEntity,
  IncidentTimelineKind,
} from '#database';
import { NoPersonidentifikator } from './free-text.js';
import { allowedTransitions, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './incident-status.js';

export class CreateIncidentDto {
  @ApiProperty({ enum: INCIDENT_SEVERITIES })
  @IsIn(INCIDENT_SEVERITIES)
  severity!: IncidentSeverity;

  @ApiProperty({ example: 'Supplier 910753614 suspected compromised' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @NoPersonidentifikator()
  summary!: string;

  @ApiPropertyOptional({ description: 'orgnrs of the affected municipalities', type: [String], example: ['974760673'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsString({ each: true })
  affectedTenants?: string[];

  @ApiPropertyOptional({ enum: API_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_NAMES, { each: true })
  affectedApis?: ApiName[];
}

export class UpdateIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, description: 'open → mitigating → resolved → closed' })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES })
  @IsOptional()
  @IsIn(INCIDENT_SEVERITIES)
  severity?: IncidentSeverity;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @NoPersonidentifikator()
  summary?: string;

  @ApiPropertyOptional({ type: [String], description: 'replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsString({ each: true })
  affectedTenants?: string[];

  @ApiPropertyOptional({ enum: API_NAMES, isArray: true, description: 'replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_NAMES, { each: true })
  affectedApis?: ApiName[];
}

export class TimelineNoteDto {
  @ApiProperty({ example: 'Supplier confirmed the leaked key; rotating.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @NoPersonidentifikator()
  text!: string;
}

export class ListIncidentsQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ description: 'orgnr: incidents affecting this tenant' })
  @IsOptional()
  @IsString()
  tenant?: string;
}

/** An incident, as the operator API shows it. */
export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity!: IncidentSeverity;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  /** The statuses a PATCH may move to from here. */
  @ApiProperty({ enum: INCIDENT_STATUSES, isArray: true, description: 'The statuses a PATCH may move to from here' })
  allowedTransitions!: IncidentStatus[];
  @ApiProperty({ type: [String] }) affectedTenants!: string[];
  @ApiProperty({ enum: API_NAMES, isArray: true }) affectedApis!: string[];
  @ApiProperty() openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

/** One entry of an incident's timeline. */
export class TimelineEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['opened', 'note', 'status', 'update', 'action'] }) kind!: IncidentTimelineKind;
  @ApiProperty() text!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actionId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export function toIncidentView(incident: IncidentEntity): IncidentView {
  return {
    id: incident.id,
    severity: incident.severity,
    summary: incident.summary,
    status: incident.status,
    allowedTransitions: allowedTransitions(incident.status),
    affectedTenants: [...incident.affectedTenants],
    affectedApis: [...incident.affectedApis],
    openedBy: incident.openedBy,
    openedAt: incident.openedAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    closedAt: incident.closedAt?.toISOString() ?? null,
  };
}

export function toTimelineEntryView(entry: IncidentTimelineEntity): TimelineEntryView {
  return {
    id: entry.id,
    kind: entry.kind,
    text: entry.text,
    author: entry.author,
    actionId: entry.actionId,
    at: entry.at.toISOString(),
  };
}
