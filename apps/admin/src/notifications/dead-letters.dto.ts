import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class DeadLetterQuery {
  @ApiPropertyOptional({ description: 'orgnr: only this tenant' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit orgnr' })
  tenant?: string;
}
