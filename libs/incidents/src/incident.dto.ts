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

export interface IncidentView {
  id: string;
  severity: IncidentSeverity;
  summary: string;
  status: IncidentStatus;
  /** The statuses a PATCH may move to from here. */
  allowedTransitions: IncidentStatus[];
  affectedTenants: string[];
  affectedApis: string[];
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface TimelineEntryView {
  id: string;
  kind: IncidentTimelineKind;
  text: string;
  author: string;
  actionId: string | null;
  at: string;
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
