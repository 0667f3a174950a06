import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import type { IncidentActionEntity } from '#database';
import { INCIDENT_ACTION_TYPES, type IncidentActionType } from './action-fields.js';
import { NoPersonidentifikator } from './free-text.js';

/**
 * One body for every action type (the `type` says which); ACTION_FIELDS says which fields each
 * type needs, checked by the service so that a missing field is a 400 naming it.
 */
export class IncidentActionDto {
  @ApiProperty({ enum: INCIDENT_ACTION_TYPES })
  @IsIn(INCIDENT_ACTION_TYPES)
  type!: IncidentActionType;

  @ApiPropertyOptional({ description: 'orgnr of the municipality', example: '974760673' })
  @IsOptional()
  @IsString()
  tenant?: string;

  @ApiPropertyOptional({
    enum: API_NAMES,
    isArray: true,
    description: 'suspend/resume only these APIs; all when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_NAMES, { each: true })
  apis?: ApiName[];

  @ApiPropertyOptional({ example: 'Supplier key leaked' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @NoPersonidentifikator()
  reason?: string;

  @ApiPropertyOptional({ description: 'orgnr of the supplier to revoke', example: '910753614' })
  @IsOptional()
  @IsString()
  supplier?: string;

  @ApiPropertyOptional({ description: 'fødselsnummer or d-nummer; stored only as a keyed hash, never logged' })
  @IsOptional()
  @IsString()
  personidentifikator?: string;

  @ApiPropertyOptional({ description: 'id of the block to lift (from the block-subject action)' })
  @IsOptional()
  @IsString()
  blockId?: string;

  @ApiPropertyOptional({ enum: API_NAMES })
  @IsOptional()
  @IsIn(API_NAMES)
  api?: ApiName;
}

/** A measure taken in an incident, with the state before and after. */
export class IncidentActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ enum: INCIDENT_ACTION_TYPES }) type!: string;
  @ApiProperty({ type: String, nullable: true }) tenant!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The state the action changed, before it',
  })
  before!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The same state after it' })
  after!: unknown;
  @ApiProperty() performedBy!: string;
  @ApiProperty({ format: 'date-time' }) performedAt!: string;
  /** Webhook deliveries this action queued for the affected tenants' contacts. */
  @ApiProperty({ type: [String], description: "Webhook deliveries queued for the affected tenants' contacts" })
  notifications!: string[];
}

export function toIncidentActionView(
  action: IncidentActionEntity,
  notifications: readonly string[] = [],
): IncidentActionView {
  return {
    id: action.id,
    incidentId: action.incidentId,
    type: action.type,
    tenant: action.tenantOrgnr,
    params: action.params,
    before: action.before ?? null,
    after: action.after ?? null,
    performedBy: action.performedBy,
    performedAt: action.performedAt.toISOString(),
    notifications: [...notifications],
  };
}

/** Each action with the webhook deliveries it caused. */
export function toIncidentActionViews(
  actions: readonly IncidentActionEntity[],
  notifications: ReadonlyArray<{ actionId: string | null; deliveryId: string }>,
): IncidentActionView[] {
  return actions.map((action) =>
    toIncidentActionView(
      action,
      notifications.filter((row) => row.actionId === action.id).map((row) => row.deliveryId),
    ),
  );
}
