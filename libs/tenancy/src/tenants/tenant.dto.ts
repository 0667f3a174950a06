import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import type { TenantEntity, TenantSuspensionEntity } from '#database';

export class ContactDto {
  @ApiProperty({ example: 'Innfordringsavdelingen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'innfordring@kommune.no' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'https://kommune.example/hooks/delingsmegler' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false })
  webhookUrl?: string;
}

export class CreateTenantDto {
  @ApiProperty({ description: '9-digit organisation number (mod 11)', example: '974760673' })
  @IsString()
  orgnr!: string;

  @ApiProperty({ example: 'Oslo kommune' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'kommunenummer', example: '0301' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityNumber must be 4 digits' })
  municipalityNumber?: string;

  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Oslo kommune' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({
    description: 'requests per minute for this tenant; null for the platform default',
    nullable: true,
    example: 120,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ratePerMinute?: number | null;
}

export class SuccessionDto {
  @ApiProperty({ description: 'orgnr of the municipality this one was merged into', example: '971526920' })
  @IsString()
  successorOrgnr!: string;
}

export class TenantReasonDto {
  @ApiProperty({ example: 'The conditions for access are no longer met' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class TenantSuspensionDto {
  @ApiProperty({ example: 'Suspected misuse, incident 2026-11' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'only these APIs; all when absent', enum: API_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_NAMES, { each: true })
  apis?: ApiName[];
}

export interface TenantView {
  orgnr: string;
  name: string;
  municipalityNumber: string | null;
  contacts: TenantEntity['contacts'];
  status: TenantEntity['status'];
  /** APIs suspended for this tenant alone (besides a suspension of all, shown by status `suspended`). */
  suspendedApis: string[];
  suspensions: Array<{ id: string; api: string | null; reason: string; suspendedBy: string; suspendedAt: string }>;
  ratePerMinute: number | null;
  successorOrgnr: string | null;
  succeededAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toTenantView(tenant: TenantEntity, suspensions: readonly TenantSuspensionEntity[]): TenantView {
  return {
    orgnr: tenant.orgnr,
    name: tenant.name,
    municipalityNumber: tenant.municipalityNumber,
    contacts: tenant.contacts,
    status: tenant.status,
    suspendedApis: [...new Set(suspensions.flatMap((row) => (row.api ? [row.api] : [])))].sort(),
    suspensions: suspensions.map((row) => ({
      id: row.id,
      api: row.api,
      reason: row.reason,
      suspendedBy: row.suspendedBy,
      suspendedAt: row.suspendedAt.toISOString(),
    })),
    ratePerMinute: tenant.ratePerMinute,
    successorOrgnr: tenant.successorOrgnr,
    succeededAt: tenant.succeededAt?.toISOString() ?? null,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
