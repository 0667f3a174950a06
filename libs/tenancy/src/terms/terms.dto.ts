import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { CreateDeclarationDto } from '../declarations/declaration.dto.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type {
  ChangelogEntry,
  TermsDocument,
  TermsDocumentKind,
  TermsSignatureEntity,
  TermsVersionEntity,
} from '#database';

export const TERMS_DOCUMENT_KINDS: readonly TermsDocumentKind[] = [
  'delingsvilkar',
  'bruksvilkar',
  'tjenestebeskrivelse',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^[A-Za-z0-9._-]{1,40}$/;

/** One published document of the version: Vedlegg 1 (delingsvilkår), Vedlegg 2 (bruksvilkår) or the tjenestebeskrivelse. */
export class TermsDocumentDto {
  @ApiProperty({ enum: TERMS_DOCUMENT_KINDS })
  @IsIn(TERMS_DOCUMENT_KINDS)
  kind!: TermsDocumentKind;

  @ApiProperty({ description: "the publisher's version of this document", example: '3.1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  version!: string;

  @ApiProperty({ example: 'https://www.skatteetaten.no/deling/delingsvilkar/' })
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  url!: string;

  @ApiProperty({ description: 'YYYY-MM-DD', example: '2026-11-01' })
  @Matches(DATE, { message: 'publishedOn must be a date YYYY-MM-DD' })
  publishedOn!: string;

  @ApiProperty({
    description: 'SHA-256 of the published document, hex',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits' })
  sha256!: string;
}

/** One row of the endringslogg in Vedlegg 3's form. */
export class ChangelogEntryDto {
  @ApiProperty({ description: 'YYYY-MM-DD', example: '2024-04-09' })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ description: 'punkt i tjenestebeskrivelsen', example: 'Partene i samarbeidet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  section!: string;

  @ApiProperty({
    description: 'the new text, in full (it replaces the older text)',
    example: 'KS har delegert det operative ansvaret til KS Digitale fellestjenester AS.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  text!: string;
}

export class PublishTermsDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(VERSION, { message: 'version must be 1-40 letters, digits, ".", "_" or "-"' })
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

  @ApiProperty({ description: 'a summary of the change', example: 'Punkt 4: ny tjeneste for utleggstrekk.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  changelog!: string;

  @ApiPropertyOptional({
    type: [ChangelogEntryDto],
    description: 'the endringslogg entries (Vedlegg 3); the summary alone when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChangelogEntryDto)
  changelogEntries?: ChangelogEntryDto[];

  @ApiPropertyOptional({ type: [TermsDocumentDto], description: 'the documents as published, each kind at most once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => TermsDocumentDto)
  documents?: TermsDocumentDto[];

  @ApiProperty({ description: 'declarations signed under older versions must be signed again under this one' })
  @IsBoolean()
  requiresResign!: boolean;

  @ApiPropertyOptional({
    description:
      'with requiresResign: until this instant an older signature still grants access (with a warning in /status); effectiveFrom when absent',
    example: '2027-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  resignBy?: string;
}

/** The municipality signed the declaration again, under a newer terms version: who, when and which document, as when it first signed. */
export class ResignDeclarationDto extends PickType(CreateDeclarationDto, ['signedBy', 'signedAt', 'documentSha256']) {
  @ApiProperty({ description: 'the published version signed', example: '2027-01' })
  @Matches(VERSION, { message: 'termsVersion must be 1-40 letters, digits, ".", "_" or "-"' })
  termsVersion!: string;
}

/** A published version of the terms: its documents, its endringslogg and whether it must be signed again, by when. */
export class TermsVersionView {
  @ApiProperty({ example: '2026-01' }) version!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ format: 'date-time' }) effectiveFrom!: string;
  @ApiProperty({ description: 'a summary of the change' }) changelog!: string;
  @ApiProperty({ type: [ChangelogEntryDto], description: 'the endringslogg (Vedlegg 3)' })
  changelogEntries!: ChangelogEntry[];
  @ApiProperty({ type: [TermsDocumentDto], description: 'the documents as published' })
  documents!: TermsDocument[];
  @ApiProperty({ description: 'Declarations signed under earlier versions must be signed again under this one' })
  requiresResign!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'until then an older signature still grants access; null unless requiresResign',
  })
  resignBy!: string | null;
}

export function toTermsVersionView(entity: TermsVersionEntity): TermsVersionView {
  return {
    version: entity.version,
    publishedAt: entity.publishedAt.toISOString(),
    effectiveFrom: entity.effectiveFrom.toISOString(),
    changelog: entity.changelog,
    changelogEntries: entity.changelogEntries,
    documents: entity.documents,
    requiresResign: entity.requiresResign,
    resignBy: entity.resignBy?.toISOString() ?? null,
  };
}

/** A tenant whose declaration still has to be signed under a version requiring it. */
export class ResignOwedView {
  @ApiProperty({ example: '964338531' }) orgnr!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) declarationId!: string;
  @ApiProperty({ enum: ['approved', 'active', 'suspended'] }) declarationStatus!: string;
  @ApiProperty({ description: 'the version the declaration is signed under' }) signedVersion!: string;
  @ApiProperty({ format: 'date-time' }) resignBy!: string;
  @ApiProperty({ description: 'resignBy has passed: the gateway refuses with terms-not-signed' }) overdue!: boolean;
}

/** A declaration signed again under a newer terms version. */
export class TermsSignatureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) declarationId!: string;
  @ApiProperty({ example: '964338531' }) tenantOrgnr!: string;
  @ApiProperty() termsVersion!: string;
  @ApiProperty() signedBy!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'SHA-256 of the signed document, hex' }) documentSha256!: string;
  @ApiProperty({ description: 'the operator who recorded it' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toTermsSignatureView(entity: TermsSignatureEntity): TermsSignatureView {
  return {
    id: entity.id,
    declarationId: entity.declarationId,
    tenantOrgnr: entity.tenantOrgnr,
    termsVersion: entity.termsVersion,
    signedBy: entity.signedBy,
    signedAt: entity.signedAt.toISOString(),
    documentSha256: entity.documentSha256,
    recordedBy: entity.recordedBy,
    createdAt: entity.createdAt.toISOString(),
  };
}
