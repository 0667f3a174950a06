import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CATALOGUE, type ProblemCode } from '#core';

/** The one error shape of every route (RFC 9457), as the problem filter writes it; `code` is stable API. */
export class Problem {
  @ApiProperty({ example: 'urn:delingsmegler:problem:not-found' })
  type!: string;

  @ApiProperty({ example: 'Not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ enum: Object.keys(PROBLEM_CATALOGUE), enumName: 'ProblemCode' })
  code!: ProblemCode;

  @ApiProperty({ description: 'What went wrong, in plain words; never a personal identifier' })
  detail!: string;

  @ApiPropertyOptional({ description: 'The X-Correlation-ID of the request (chosen by the caller or the platform)' })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'On a 500 only: the id to quote to the operator' })
  errorId?: string;
}
