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
}

export class TenantStatusDto {
  @ApiProperty() orgnr: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [ApiStatusDto] }) apis: ApiStatusDto[];
}
