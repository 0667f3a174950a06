import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ExplainQueryDto {
  @ApiProperty({ example: '974760673' })
  @Matches(/^\d{9}$/, { message: 'orgnr must be nine digits' })
  orgnr: string;

  @ApiProperty({ example: 'inntekt.hent-inntekter', description: 'A catalogue operation id' })
  @IsString()
  @MaxLength(100)
  operation: string;

  @ApiPropertyOptional({ example: 'vegtrafikkloven-38' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  legalBasis?: string;

  @ApiPropertyOptional({ example: 'innkreving-kommunale-krav' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  purpose?: string;

  @ApiPropertyOptional({ description: 'Explain for this supplier acting for the municipality' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'supplier must be nine digits' })
  supplier?: string;
}

export class ExplainTransitionDto {
  @ApiProperty({ description: 'ISO instant the transition ends' }) until: string;
  @ApiProperty({ example: 'samordnet-trekk-not-confirmed' }) rule: string;
  @ApiProperty() maxAgeDays: number;
  @ApiProperty() detail: string;
}

export class ExplanationDto {
  @ApiProperty() orgnr: string;
  @ApiProperty() operation: string;
  @ApiProperty() allow: boolean;
  @ApiProperty({ description: 'allowed, or the refusal code a request would get' }) code: string;
  @ApiProperty({ description: 'The HTTP status a request would get' }) status: number;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [String], description: "The operation's own legal basis, recorded with every decision" })
  operationBasis: string[];
  @ApiPropertyOptional({ description: 'The claim statute, when one was given and is known' }) legalBasis?: {
    code: string;
    title: string;
  };
  @ApiProperty({
    type: [String],
    description: 'The rules evaluated, in order; request inputs (person, period, case) are not part of an explanation',
  })
  rulesEvaluated: string[];
  @ApiPropertyOptional({
    type: ExplainTransitionDto,
    description:
      'A registration during the 2026 transition: also needs a recent positive oppslag samordnet trekk for its debtor (rule samordnet-trekk-not-confirmed, not evaluated here)',
  })
  transition?: ExplainTransitionDto;
}
