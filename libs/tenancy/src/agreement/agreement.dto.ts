import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { CONTACT_ROLES, type ContactRole, type DeclarationEntity, type TenantContact } from '#database';
import { PHONE } from '../tenants/tenant.dto.js';
import type { TermsVersionView } from '../terms/terms.dto.js';
import type { DocumentMetadataView } from '../documents/declaration-document.dto.js';

export class AgreementContactView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: CONTACT_ROLES, isArray: true }) roles!: ContactRole[];
}

export function toAgreementContact(contact: TenantContact): AgreementContactView {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    roles: [...(contact.roles ?? [])],
  };
}

export class AgreementDocumentView {
  @ApiProperty({ description: 'SHA-256 of the signed PDF, hex' }) sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'ISO 8601' }) uploadedAt!: string;
  @ApiProperty({
    description: 'where to download it (same token)',
    example: '/api/v1/974760673/agreement/declarations/…/document',
  })
  href!: string;
}

export class AgreementDeclarationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['received', 'forwarded', 'approved', 'rejected', 'active', 'suspended', 'terminated'] })
  status!: DeclarationEntity['status'];
  @ApiProperty({ description: 'whether it grants access now: active and its effective date reached' })
  inForce!: boolean;
  @ApiProperty() termsVersion!: string;
  @ApiProperty() signedBy!: string;
  @ApiProperty({ description: 'ISO 8601' }) signedAt!: string;
  @ApiProperty({ enum: ['test', 'prod'] }) environment!: 'test' | 'prod';
  @ApiProperty({ type: [String] }) apis!: string[];
  @ApiProperty({ type: [String] }) legalBases!: string[];
  @ApiProperty() existingAgreement!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'when it was forwarded to Skatteetaten' }) forwardedAt!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: "when Skatteetaten's answer was recorded" }) decidedAt!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the date (in Norway) it is in force from' })
  effectiveFrom!: string | null;
  @ApiProperty({ nullable: true, type: String }) terminatedAt!: string | null;
  @ApiProperty({ description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: AgreementDocumentView, description: 'the signed document, when stored' })
  document!: AgreementDocumentView | null;
}

export class AgreementSupplierView {
  @ApiProperty() orgnr!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'ISO 8601, when it was registered' }) since!: string;
}

export class SupportContactView {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
}

export class AgreementTermsView {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: "the terms versions the municipality's declarations were signed under",
  })
  signed!: TermsVersionView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'the newest version in force now',
  })
  current!: TermsVersionView | null;
}

/** The municipality's own agreement as the gateway shows it (GET /api/v1/{orgnr}/agreement). */
export class AgreementView {
  @ApiProperty() orgnr!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) municipalityNumber!: string | null;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated', 'succeeded'] }) status!: string;
  @ApiProperty({ type: [AgreementDeclarationView] }) declarations!: AgreementDeclarationView[];
  @ApiProperty({ type: AgreementTermsView }) terms!: AgreementTermsView;
  @ApiProperty({ type: [AgreementContactView] }) contacts!: AgreementContactView[];
  @ApiProperty({ type: [AgreementSupplierView] }) suppliers!: AgreementSupplierView[];
  @ApiProperty({ type: SupportContactView, description: "the operator's support" }) support!: SupportContactView;
}

/** PUT: the contact's details as a whole (absent e-mail, phone or roles: none). */
export class ReplaceOwnContactDto {
  @ApiProperty({ example: 'Kari Nordmann' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'kari.nordmann@kommune.no' })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+47 22 00 00 00' })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @Matches(PHONE, { message: 'phone must be 5-20 digits, optionally with a leading + and spaces' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONTACT_ROLES, { each: true })
  roles?: ContactRole[];
}

/** PATCH: the fields given change (null clears e-mail or phone); the contact's webhook stays the operator's. */
export class UpdateOwnContactDto extends PartialType(ReplaceOwnContactDto) {}

/** Documents by declaration id, for the agreement's declarations. */
export type DocumentsByDeclaration = ReadonlyMap<string, DocumentMetadataView>;
