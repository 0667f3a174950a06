import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class CreateAuditExportDto {
  @ApiPropertyOptional({
    description: "One tenant's chain; absent: every tenant and the platform chain",
    example: '974760673',
  })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit organisation number' })
  tenant?: string;

  @ApiPropertyOptional({
    description: 'Events that occurred at or after this instant (ISO 8601)',
    example: '2026-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Events that occurred before this instant (ISO 8601)',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The public keys of checkpoint and export signatures (a JWKS). */
export class SigningKeysResponse {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'JWKs' })
  keys!: object[];
}

export class SealResponse {
  @ApiProperty({ description: 'Events sealed now' }) sealed!: number;
  @ApiProperty({ description: 'Checkpoints signed now' }) checkpoints!: number;
}
