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
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import {
  CONTACT_ROLES,
  type ContactRole,
  type EligibilityOverride,
  type TenantEntity,
  type TenantSuspensionEntity,
} from '#database';

/** A phone number as people write it: digits, spaces, an optional leading +. */
export const PHONE = /^\+?[0-9][0-9 ]{3,18}[0-9]$/;

export class ContactDto {
  @ApiPropertyOptional({
    description:
      "an existing contact's id, to keep it (and the municipality's updates of it) when the list is replaced",
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Innfordringsavdelingen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'innfordring@kommune.no' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+47 22 00 00 00' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 5-20 digits, optionally with a leading + and spaces' })
  phone?: string;

  @ApiPropertyOptional({
    enum: CONTACT_ROLES,
    isArray: true,
    description: 'what the contact is for (none when absent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONTACT_ROLES, { each: true })
  roles?: ContactRole[];

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

  @ApiPropertyOptional({
    description:
      'Registers an orgnr that is not on the list of municipalities (422 not-a-municipality otherwise): why, e.g. an intermunicipal collection office or a merger in progress. Recorded on the tenant and in the audit log.',
    example: 'Interkommunalt innfordringskontor for Kommune A og Kommune B',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  eligibilityOverrideReason?: string;
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
  @ApiProperty({
    description: 'orgnr of the municipality this one was merged into; a tenant with access already',
    example: '971526920',
  })
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

/** Why a tenant not on the list of municipalities was registered, by whom and when. */
export class EligibilityOverrideView {
  @ApiProperty({ example: 'Interkommunalt innfordringskontor' }) reason!: string;
  @ApiProperty({ description: 'the operator' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TenantSuspensionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, enum: API_NAMES, nullable: true, description: 'null: every API' }) api!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty() suspendedBy!: string;
  @ApiProperty({ format: 'date-time' }) suspendedAt!: string;
}

/** A municipality on the platform. */
export class TenantView {
  @ApiProperty({ example: '958935420' }) orgnr!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, example: '0301' }) municipalityNumber!: string | null;
  @ApiProperty({ type: [ContactDto] }) contacts!: TenantEntity['contacts'];
  @ApiProperty({ enum: ['active', 'suspended', 'terminated', 'succeeded'] }) status!: TenantEntity['status'];
  /** APIs suspended for this tenant alone (besides a suspension of all, shown by status `suspended`). */
  @ApiProperty({ enum: API_NAMES, isArray: true, description: 'APIs suspended for this tenant alone' })
  suspendedApis!: string[];
  @ApiProperty({ type: [TenantSuspensionView] }) suspensions!: TenantSuspensionView[];
  @ApiProperty({ type: Number, nullable: true, description: 'Requests per minute; null: the platform default' })
  ratePerMinute!: number | null;
  @ApiProperty({ type: String, nullable: true }) successorOrgnr!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) succeededAt!: string | null;
  @ApiProperty({
    type: EligibilityOverrideView,
    nullable: true,
    description: 'Set when the operator registered an orgnr that is not on the list of municipalities',
  })
  eligibilityOverride!: EligibilityOverride | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
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
    eligibilityOverride: tenant.eligibilityOverride ?? null,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
