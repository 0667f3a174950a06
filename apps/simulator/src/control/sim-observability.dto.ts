import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { SimTarget } from '../common/request-log.js';

export const SIM_TARGETS: SimTarget[] = ['maskinporten', 'inntekt', 'summertskattegrunnlag', 'utleggstrekk'];

/** POST /_sim/faults: a fault for the next `count` requests to `target` (all of them without count). */
export class AddFaultDto {
  @ApiProperty({ enum: SIM_TARGETS })
  @IsIn(SIM_TARGETS)
  target!: SimTarget;

  @ApiProperty({ enum: ['latency', 'status', 'reset', 'delay-answer'] })
  @IsIn(['latency', 'status', 'reset', 'delay-answer'])
  mode!: 'latency' | 'status' | 'reset' | 'delay-answer';

  @ApiPropertyOptional({ description: 'latency, delay-answer: delay in milliseconds', example: 2000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  ms?: number;

  @ApiPropertyOptional({ description: 'status: the HTTP status to answer', example: 503 })
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({
    description: 'status: the upstream error code (default per status, e.g. DAS-003 for 5xx)',
    example: 'DAS-003',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  kode?: string;

  @ApiPropertyOptional({ description: 'how many requests it applies to; unlimited when absent', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count?: number;
}
