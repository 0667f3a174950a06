import { Inject, Injectable } from '@nestjs/common';
import { type AuditEventInput, AuditWriter } from '#audit';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, Orgnr } from '#core';
import type { DeclarationEntity, TenantContact } from '#database';
import { DeclarationRepository } from '../declarations/declaration.repository.js';
import { DeclarationDocumentRepository } from '../documents/declaration-document.repository.js';
import { toDocumentMetadataView } from '../documents/declaration-document.dto.js';
import { withoutPersonalFields } from '../operator-action-log.js';
import { SupplierRepository } from '../suppliers/supplier.repository.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { toTermsVersionView } from '../terms/terms.dto.js';
import { TermsRepository } from '../terms/terms.repository.js';
import {
  type AgreementContactView,
  type AgreementDeclarationView,
  type AgreementView,
  type DocumentsByDeclaration,
  type ReplaceOwnContactDto,
  toAgreementContact,
  type UpdateOwnContactDto,
} from './agreement.dto.js';

/** Midnight in Norway of a `YYYY-MM-DD` date, as an instant (the day a declaration is in force from). */
export function startOfNorwegianDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Norway is UTC+1 or UTC+2: the candidate whose local time there is 00:00 on that date.
  for (const hours of [1, 2]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000);
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Oslo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (local.startsWith(date) && local.endsWith('00')) return candidate;
  }
  return new Date(utcMidnight - 3_600_000);
}

/**
 * The municipality's own agreement, read and (its contacts' details) changed through the gateway
 * with the municipality's own Maskinporten token: declarations with states and dates, terms,
 * contacts, suppliers and the operator's support contact. Tenant-scoped throughout.
 */
@Injectable()
export class AgreementService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly declarations: DeclarationRepository,
    private readonly documents: DeclarationDocumentRepository,
    private readonly suppliers: SupplierRepository,
    private readonly terms: TermsRepository,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read(orgnrParam: string): Promise<AgreementView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const tenant = await this.tenants.find(orgnr);
    if (!tenant) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
    const [declarations, documents, suppliers, terms] = await Promise.all([
      this.declarations.listForTenant(orgnr),
      this.documents.listForTenant(orgnr),
      this.suppliers.listForTenant(orgnr),
      this.terms.list(),
    ]);
    const byDeclaration: DocumentsByDeclaration = new Map(
      documents.map((document) => [document.declarationId, toDocumentMetadataView(document)]),
    );
    const now = Date.now();
    const signedVersions = new Set(declarations.map((declaration) => declaration.termsVersion));
    const inForce = terms
      .filter((version) => version.effectiveFrom.getTime() <= now)
      .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
    const { support } = this.config.onboarding;
    return {
      orgnr,
      name: tenant.name,
      municipalityNumber: tenant.municipalityNumber,
      status: tenant.status,
      declarations: declarations.map((declaration) => toAgreementDeclaration(declaration, byDeclaration, now)),
      terms: {
        signed: terms.filter((version) => signedVersions.has(version.version)).map(toTermsVersionView),
        current: inForce[0] ? toTermsVersionView(inForce[0]) : null,
      },
      contacts: tenant.contacts.map(toAgreementContact),
      suppliers: suppliers.map((supplier) => ({
        orgnr: supplier.supplierOrgnr,
        name: supplier.name,
        since: supplier.createdAt.toISOString(),
      })),
      support: {
        name: support.name,
        email: support.email ?? null,
        phone: support.phone ?? null,
        url: support.url ?? null,
      },
    };
  }

  /**
   * Changes one of the municipality's own contacts (PATCH: the given fields; PUT: all of name,
   * e-mail, phone and roles). `auditEvent` is the gateway request's event: it commits with the
   * change, carrying which contact and which fields changed (never the values).
   */
  async updateContact(
    orgnrParam: string,
    contactId: string,
    change: UpdateOwnContactDto | ReplaceOwnContactDto,
    mode: 'patch' | 'replace',
    auditEvent?: AuditEventInput,
  ): Promise<AgreementContactView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    return this.tenants.transaction(async (manager) => {
      const tenant = await this.tenants.findForUpdate(orgnr, manager);
      if (!tenant) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
      const index = isUuid(contactId) ? tenant.contacts.findIndex((contact) => contact.id === contactId) : -1;
      if (index < 0)
        throw new DomainError('contact-not-found', `No contact ${contactId.slice(0, 64)} for tenant ${orgnr}`);
      const before = tenant.contacts[index];
      const after = applyContactChange(before, change, mode);
      const contacts = tenant.contacts.map((contact, at) => (at === index ? after : contact));
      await this.tenants.change(orgnr, { contacts }, manager);
      if (auditEvent) {
        const changed = (['name', 'email', 'phone', 'roles'] as const).filter(
          (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
        );
        await this.audit.recordWithin(manager, {
          ...auditEvent,
          operation: 'agreement.contact-update',
          details: {
            contactId,
            changed,
            before: withoutPersonalFields({ roles: before.roles }),
            after: withoutPersonalFields({ roles: after.roles }),
          },
        });
      }
      return toAgreementContact(after);
    });
  }
}

function applyContactChange(
  contact: TenantContact,
  change: UpdateOwnContactDto,
  mode: 'patch' | 'replace',
): TenantContact {
  const next: TenantContact =
    mode === 'replace'
      ? { id: contact.id, name: change.name ?? contact.name, roles: [...(change.roles ?? [])] }
      : { ...contact, roles: [...(contact.roles ?? [])] };
  if (contact.webhookUrl !== undefined) next.webhookUrl = contact.webhookUrl; // the operator's setting, not the municipality's
  if (change.name !== undefined) next.name = change.name;
  if (change.roles !== undefined) next.roles = [...change.roles];
  for (const field of ['email', 'phone'] as const) {
    const value = change[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next;
}

function toAgreementDeclaration(
  declaration: DeclarationEntity,
  documents: DocumentsByDeclaration,
  now: number,
): AgreementDeclarationView {
  const document = documents.get(declaration.id);
  const effective =
    declaration.effectiveFrom === null || startOfNorwegianDay(declaration.effectiveFrom).getTime() <= now;
  return {
    id: declaration.id,
    status: declaration.status,
    inForce: declaration.status === 'active' && effective,
    termsVersion: declaration.termsVersion,
    signedBy: declaration.signedBy,
    signedAt: declaration.signedAt.toISOString(),
    environment: declaration.environment,
    apis: declaration.apis,
    legalBases: declaration.legalBases,
    existingAgreement: declaration.existingAgreement,
    forwardedAt: declaration.forwardedAt?.toISOString() ?? null,
    decidedAt: declaration.decidedAt?.toISOString() ?? null,
    effectiveFrom: declaration.effectiveFrom,
    terminatedAt: declaration.terminatedAt?.toISOString() ?? null,
    createdAt: declaration.createdAt.toISOString(),
    document: document
      ? {
          sha256: document.sha256,
          sizeBytes: document.sizeBytes,
          uploadedAt: document.uploadedAt,
          href: `/api/v1/${declaration.tenantOrgnr}/agreement/declarations/${declaration.id}/document`,
        }
      : null,
  };
}
