import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ApiName, DomainError } from '#core';
import type { DeclarationEntity, TenantContact } from '#database';
import { ALLOWED_PURPOSE, API_RULES, findLegalBasis, POLICY_VERSION } from '#policy';
import { DeclarationDocumentRepository } from '../documents/declaration-document.repository.js';
import { documentFileName, PDF } from '../documents/declaration-document.dto.js';
import { SupplierRepository } from '../suppliers/supplier.repository.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { TermsRepository } from '../terms/terms.repository.js';
import { type TermsVersionView, toTermsVersionView } from '../terms/terms.dto.js';
import { DeclarationRepository } from './declaration.repository.js';

/** Skatteetaten's rights package per API (seeds §4); utleggsdatabasen names none. */
const RETTIGHETSPAKKE: Readonly<Record<ApiName, string | null>> = {
  inntekt: 'saernamsmann',
  summertskattegrunnlag: 'saernamsmann',
  utleggstrekk: null,
};

/**
 * What is forwarded to Skatteetaten for one declaration (tilslutningserklæring and
 * påkoblingsforespørsel): what the HTTP intake receives, and what the operator downloads to send
 * by e-mail or to fill a form with. It carries the signed document itself, base64-encoded: the
 * receiver has no way into the platform, so a reference could not be followed; the SHA-256 beside
 * it (the one the municipality signed) lets the receiver check the bytes.
 */
export interface DeclarationPackage {
  packageVersion: 1;
  declarationId: string;
  /** The municipality's orgnr (also in `municipality`, kept flat for the intake's idempotency). */
  orgnr: string;
  preparedAt: string;
  municipality: { orgnr: string; name: string; municipalityNumber: string | null };
  contacts: Array<Pick<TenantContact, 'name' | 'email' | 'phone' | 'roles'>>;
  declaration: {
    termsVersion: string;
    signedBy: string;
    signedAt: string;
    environment: 'test' | 'prod';
    existingAgreement: boolean;
    documentSha256: string;
  };
  apis: Array<{ api: string; rettighetspakke: string | null; scope: string; operationBasis: string[] }>;
  purpose: string;
  legalBases: Array<{ code: string; title: string }>;
  /** The terms version signed (its own fields as published). */
  terms: TermsVersionView | null;
  suppliers: Array<{ orgnr: string; name: string }>;
  document: { fileName: string; contentType: typeof PDF; sha256: string; sizeBytes: number; contentBase64: string };
  policyVersion: string;
}

@Injectable()
export class DeclarationPackageBuilder {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly documents: DeclarationDocumentRepository,
    private readonly tenants: TenantRepository,
    private readonly suppliers: SupplierRepository,
    private readonly terms: TermsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The package of a declaration; 404 when there is none, 409 document-missing while its signed document is not stored. */
  async build(declarationId: string): Promise<DeclarationPackage> {
    const declaration = await this.declarations.findById(declarationId);
    if (!declaration) throw new DomainError('declaration-not-found', `No declaration ${declarationId.slice(0, 64)}`);
    return this.of(declaration);
  }

  async of(declaration: DeclarationEntity): Promise<DeclarationPackage> {
    const document = await this.documents.withContent(declaration.tenantOrgnr, declaration.id);
    if (!document) throw documentMissing(declaration.id);
    const [tenant, suppliers, terms] = await Promise.all([
      this.tenants.find(declaration.tenantOrgnr),
      this.suppliers.listForTenant(declaration.tenantOrgnr),
      this.terms.find(declaration.termsVersion),
    ]);
    if (!tenant) throw new DomainError('tenant-not-found', `No tenant ${declaration.tenantOrgnr}`);
    return {
      packageVersion: 1,
      declarationId: declaration.id,
      orgnr: tenant.orgnr,
      preparedAt: new Date().toISOString(),
      municipality: { orgnr: tenant.orgnr, name: tenant.name, municipalityNumber: tenant.municipalityNumber },
      contacts: tenant.contacts.map(({ name, email, phone, roles }) => ({
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        roles: roles ?? [],
      })),
      declaration: {
        termsVersion: declaration.termsVersion,
        signedBy: declaration.signedBy,
        signedAt: declaration.signedAt.toISOString(),
        environment: declaration.environment,
        existingAgreement: declaration.existingAgreement,
        documentSha256: declaration.documentSha256,
      },
      apis: (declaration.apis as ApiName[]).map((api) => ({
        api,
        rettighetspakke: RETTIGHETSPAKKE[api],
        scope: this.config.upstream.apis[api].scope,
        operationBasis: [...API_RULES[api].operationBasis],
      })),
      purpose: ALLOWED_PURPOSE,
      legalBases: declaration.legalBases.map((code) => ({ code, title: findLegalBasis(code)?.title ?? code })),
      terms: terms ? toTermsVersionView(terms) : null,
      suppliers: suppliers.map((supplier) => ({ orgnr: supplier.supplierOrgnr, name: supplier.name })),
      document: {
        fileName: documentFileName(declaration.tenantOrgnr, declaration.id),
        contentType: PDF,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
        contentBase64: document.content.toString('base64'),
      },
      policyVersion: POLICY_VERSION,
    };
  }
}

export function documentMissing(declarationId: string): DomainError {
  return new DomainError(
    'document-missing',
    `Upload the signed document of declaration ${declarationId.slice(0, 64)} first (POST /admin/v1/declarations/{id}/document)`,
  );
}
