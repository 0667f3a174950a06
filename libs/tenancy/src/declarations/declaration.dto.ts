import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { API_NAMES, type ApiName } from '#core';
import { type DeclarationEntity, FORWARD_CHANNELS, type ForwardChannelValue } from '#database';
import { LEGAL_BASIS_CODES } from '#policy';
import {
  allowedActions,
  DECLARATION_ACTIONS,
  DECLARATION_STATUSES,
  type DeclarationAction,
  type DeclarationStatus,
} from './declaration-state.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateDeclarationDto {
  @ApiProperty({ description: 'a published terms version', example: '2026-11' })
  @IsString()
  @IsNotEmpty()
  termsVersion!: string;

  @ApiProperty({ description: 'who signed for the municipality', example: 'Kari Nordmann, kommunedirektør' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  signedBy!: string;

  @ApiProperty({ description: 'ISO 8601', example: '2026-11-20T10:00:00Z' })
  @IsISO8601({ strict: true })
  signedAt!: string;

  @ApiProperty({
    description: 'SHA-256 of the signed document, hex',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'documentSha256 must be 64 hex digits' })
  documentSha256!: string;

  @ApiProperty({ enum: ['test', 'prod'] })
  @IsIn(['test', 'prod'])
  environment!: 'test' | 'prod';

  @ApiProperty({ enum: API_NAMES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_NAMES, { each: true })
  apis!: ApiName[];

  @ApiProperty({ description: 'claim statutes (DESIGN §5)', enum: LEGAL_BASIS_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LEGAL_BASIS_CODES.length)
  @ArrayUnique()
  @IsIn(LEGAL_BASIS_CODES, { each: true })
  legalBases!: string[];

  @ApiPropertyOptional({
    description: 'the municipality already had its own consumer agreement: onboarded straight to active',
  })
  @IsOptional()
  @IsBoolean()
  existingAgreement?: boolean;

  @ApiPropertyOptional({
    description: 'with existingAgreement: the date the description applies from (today when absent)',
    example: '2026-12-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom?: string;
}

/** The most declarations one listing returns. */
export const DECLARATION_LIST_MAX = 1000;

/** `GET /admin/v1/declarations?status=received,forwarded&limit=`: the onboarding queue across tenants. */
export class ListDeclarationsQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated states (all when absent)',
    example: 'received,forwarded,approved',
    type: String,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @IsIn(DECLARATION_STATUSES, { each: true })
  status?: DeclarationStatus[];

  @ApiPropertyOptional({ minimum: 1, maximum: DECLARATION_LIST_MAX, default: DECLARATION_LIST_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DECLARATION_LIST_MAX)
  limit?: number;
}

/** Skatteetaten's answer to a forwarded declaration. */
export class DeclarationDecisionDto {
  @ApiPropertyOptional({ description: "Skatteetaten's reference", example: 'SKE-2026-1234' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ example: 'Mangler signatur' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ActivateDeclarationDto {
  @ApiProperty({ description: 'the date the municipality is connected in production', example: '2026-12-01' })
  @Matches(DATE, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;
}

/** A forward made outside the platform (e-mail, a form) or through the intake by hand, as the operator records it. */
export class RecordForwardingDto {
  @ApiProperty({ enum: FORWARD_CHANNELS, description: 'how the declaration reached Skatteetaten' })
  @IsIn(FORWARD_CHANNELS)
  channel!: ForwardChannelValue;

  @ApiProperty({
    description: "the channel's reference: the e-mail's Message-ID or subject, the form's receipt number",
    example: 'Skjema 2026-118734',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reference!: string;

  @ApiProperty({ description: 'ISO 8601 instant it was sent (not in the future)', example: '2026-12-01T09:30:00Z' })
  @IsISO8601({ strict: true })
  forwardedAt!: string;
}

export class DeclarationReasonDto {
  @ApiPropertyOptional({ example: 'Incident 2026-11-30' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class DeclarationForwardView {
  @ApiProperty({
    enum: ['pending', 'delivered', 'failed'],
    nullable: true,
    description: 'Forwarding to Skatteetaten: asked of the intake (pending, failed) or done (delivered)',
  })
  status!: DeclarationEntity['forwardStatus'];
  @ApiProperty({
    enum: FORWARD_CHANNELS,
    nullable: true,
    description: 'How it was forwarded: the intake (by the worker or by hand), e-mail or a form',
  })
  channel!: ForwardChannelValue | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The receipt or reference of the forward, whatever its channel',
  })
  reference!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) forwardedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reference when the channel was the intake' })
  intakeReference!: string | null;
}

export class DeclarationDecisionView {
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
}

/** A connection declaration and where it is in its lifecycle. */
export class DeclarationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '958935420' }) tenantOrgnr!: string;
  @ApiProperty() termsVersion!: string;
  @ApiProperty() signedBy!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty() documentSha256!: string;
  @ApiProperty({ enum: ['test', 'prod'] }) environment!: 'test' | 'prod';
  @ApiProperty({ enum: API_NAMES, isArray: true }) apis!: string[];
  @ApiProperty({ enum: LEGAL_BASIS_CODES, isArray: true }) legalBases!: string[];
  @ApiProperty() existingAgreement!: boolean;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status!: DeclarationEntity['status'];
  /** What may be done next. */
  @ApiProperty({ enum: DECLARATION_ACTIONS, isArray: true, description: 'What may be done next' })
  allowedActions!: DeclarationAction[];
  @ApiProperty({ type: DeclarationForwardView }) forward!: DeclarationForwardView;
  @ApiProperty({ type: DeclarationDecisionView }) decision!: DeclarationDecisionView;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) effectiveFrom!: string | null;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) terminatedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toDeclarationView(entity: DeclarationEntity): DeclarationView {
  return {
    id: entity.id,
    tenantOrgnr: entity.tenantOrgnr,
    termsVersion: entity.termsVersion,
    signedBy: entity.signedBy,
    signedAt: entity.signedAt.toISOString(),
    documentSha256: entity.documentSha256,
    environment: entity.environment,
    apis: entity.apis,
    legalBases: entity.legalBases,
    existingAgreement: entity.existingAgreement,
    status: entity.status,
    allowedActions: allowedActions(entity.status),
    forward: {
      status: entity.forwardStatus,
      channel: entity.forwardChannel,
      reference: entity.intakeReference,
      attempts: entity.forwardAttempts,
      lastError: entity.forwardLastError,
      forwardedAt: entity.forwardedAt?.toISOString() ?? null,
      intakeReference: entity.forwardChannel === 'intake' ? entity.intakeReference : null,
    },
    decision: {
      reference: entity.decisionReference,
      reason: entity.decisionReason,
      decidedAt: entity.decidedAt?.toISOString() ?? null,
    },
    effectiveFrom: entity.effectiveFrom,
    statusReason: entity.statusReason,
    terminatedAt: entity.terminatedAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
