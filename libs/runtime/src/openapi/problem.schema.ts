import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CATALOGUE, type ProblemCode } from '#core';

/**
 * The one error shape of every route (RFC 9457), as the problem filter writes it; `code` is stable
 * API. Extension members appear where a code says more (the ones listed; never personal data).
 */
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

  @ApiPropertyOptional({ type: [String], description: "A policy refusal's reasons (the same in the audit event)" })
  reasons?: string[];

  @ApiPropertyOptional({ description: 'The policy version that decided' })
  policyVersion?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '`invalid-body`: each rule the body broke, as {pointer, rule, detail}',
  })
  errors?: object[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "`upstream-*`: Skatteetaten's own error, as {status, kode, melding, korrelasjonsid, regler?}",
  })
  upstream?: object;

  @ApiPropertyOptional({ format: 'uuid', description: 'A registration the problem is about' })
  registrationId?: string;

  @ApiPropertyOptional({ description: "Where to follow that registration's state" })
  statusUrl?: string;
}
