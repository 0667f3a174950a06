import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { TermsVersionEntity } from '#database';

export class PublishTermsDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'version must be 1-40 letters, digits, ".", "_" or "-"' })
  version!: string;

  @ApiPropertyOptional({ description: 'ISO 8601; now when absent', example: '2026-11-30T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601 instant from which the version is in force; publishedAt when absent',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiProperty({ description: 'the changelog entry (endringslogg)', example: 'Punkt 4: ny tjeneste for utleggstrekk.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  changelog!: string;

  @ApiProperty({ description: 'declarations signed under older versions stop granting access from effectiveFrom' })
  @IsBoolean()
  requiresResign!: boolean;
}

/** A published version of the terms of use. */
export class TermsVersionView {
  @ApiProperty({ example: '2026-01' }) version!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ format: 'date-time' }) effectiveFrom!: string;
  @ApiProperty() changelog!: string;
  @ApiProperty({ description: 'Declarations signed under earlier versions stop being accepted' })
  requiresResign!: boolean;
}

export function toTermsVersionView(entity: TermsVersionEntity): TermsVersionView {
  return {
    version: entity.version,
    publishedAt: entity.publishedAt.toISOString(),
    effectiveFrom: entity.effectiveFrom.toISOString(),
    changelog: entity.changelog,
    requiresResign: entity.requiresResign,
  };
}
