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

/** A recorded delegation of an API's scope, as last verified at Maskinporten. */
export class DelegationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '958935420' }) tenantOrgnr!: string;
  @ApiProperty({ enum: API_NAMES }) api!: string;
  @ApiProperty({ example: 'skatteetaten:inntekt' }) scope!: string;
  @ApiProperty({ enum: ['pending', 'verified', 'missing', 'error'] }) status!: DelegationEntity['status'];
  @ApiProperty({ type: String, nullable: true, description: 'The problem code a call would get, when not verified' })
  problemCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Maskinporten's error code of the last check" })
  mpCode!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
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
