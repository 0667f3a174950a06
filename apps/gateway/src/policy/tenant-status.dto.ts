import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_NAMES } from '#core';

export class TransitionDto {
  @ApiProperty({ description: 'ISO instant the transition ends' }) until: string;
  @ApiProperty({
    description: 'The problem code of a registration it refuses',
    example: 'samordnet-trekk-not-confirmed',
  })
  rule: string;
  @ApiProperty({ description: 'How old the positive oppslag may be, in days' }) maxAgeDays: number;
  @ApiProperty() detail: string;
}

export class ApiStatusDto {
  @ApiProperty({ enum: API_NAMES }) api: string;
  @ApiProperty() usable: boolean;
  @ApiPropertyOptional({
    description: 'Why not, as the problem code a call would get (e.g. declaration-api-not-covered, delegation-missing)',
  })
  code?: string;
  @ApiPropertyOptional({ type: [String] }) reasons?: string[];
  @ApiPropertyOptional({
    description: 'Delegation of the API scope to the platform, as last verified: pending, verified, missing or error',
  })
  delegation?: string;
  @ApiPropertyOptional({
    type: TransitionDto,
    description:
      'utleggstrekk during the 2026 transition: registrations need a recent positive oppslag samordnet trekk first',
  })
  transition?: TransitionDto;
  @ApiPropertyOptional({
    description: 'With declaration-not-yet-effective: the date (in Norway) the declaration is in force from',
    example: '2027-01-01',
  })
  effectiveFrom?: string;
}

export class DeclarationStatusDto {
  @ApiProperty({ description: 'The status of the declaration that decides access', example: 'active' }) status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The date (in Norway) it is in force from; null when none is recorded',
    example: '2027-01-01',
  })
  effectiveFrom: string | null;
  @ApiProperty({ description: 'Whether it is in force now (active and its effective date reached)' }) inForce: boolean;
}

export class ResignDueDto {
  @ApiProperty({ description: 'The terms version to sign', example: '2027-01' }) version: string;
  @ApiProperty({ description: 'ISO instant: until then the signature under the older version still grants access' })
  resignBy: string;
  @ApiProperty({ description: 'The deadline has passed: calls are refused with terms-not-signed' }) overdue: boolean;
}

export class TermsStatusDto {
  @ApiPropertyOptional({ description: "The terms version the tenant's declaration is signed under" })
  signedVersion?: string;
  @ApiProperty({ type: [ResignDueDto], description: 'Newer versions that must be signed, the earliest deadline first' })
  resignRequired: ResignDueDto[];
  @ApiPropertyOptional({ type: [String], description: 'Plain-language warnings, e.g. a deadline to re-sign' })
  warnings?: string[];
}

export class TenantStatusDto {
  @ApiProperty() orgnr: string;
  @ApiProperty() policyVersion: string;
  @ApiPropertyOptional({ type: DeclarationStatusDto, description: 'Absent when the tenant has no declaration' })
  declaration?: DeclarationStatusDto;
  @ApiProperty({ type: [ApiStatusDto] }) apis: ApiStatusDto[];
  @ApiProperty({ type: TermsStatusDto }) terms: TermsStatusDto;
}
