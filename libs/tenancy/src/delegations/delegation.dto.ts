import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import type { DelegationEntity } from '#database';

export class RecordDelegationDto {
  @ApiProperty({
    enum: API_NAMES,
    description: 'the API whose scope the municipality delegated to the platform in Altinn',
  })
  @IsIn(API_NAMES)
  api!: ApiName;
}

export interface DelegationView {
  id: string;
  tenantOrgnr: string;
  api: string;
  scope: string;
  status: DelegationEntity['status'];
  problemCode: string | null;
  mpCode: string | null;
  checkedAt: string | null;
  createdAt: string;
}

export function toDelegationView(entity: DelegationEntity): DelegationView {
  return {
    id: entity.id,
    tenantOrgnr: entity.tenantOrgnr,
    api: entity.api,
    scope: entity.scope,
    status: entity.status,
    problemCode: entity.problemCode,
    mpCode: entity.mpCode,
    checkedAt: entity.checkedAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
  };
}
