import { ApiPropertyOptional } from '@nestjs/swagger';
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
