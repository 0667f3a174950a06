import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '#core';
import {
  type AgreementContactView,
  AgreementService,
  type AgreementView,
  DeclarationDocumentService,
  type ReplaceOwnContactDto,
  sendDocument,
  type UpdateOwnContactDto,
} from '#tenancy';
import { RequestAudit } from '../request-audit/request-audit.js';
import type { EstablishedTenant, TenantCall } from '../tenancy/tenant-call.js';

/**
 * The agreement routes past TenantGuard. They are the municipality's own business with the
 * operator: a supplier acting for it (token with `supplier`) neither reads nor changes them
 * (403 agreement-not-for-suppliers), since the agreement names the municipality's people and
 * the supplier's access is itself part of it. A suspended municipality still reads it.
 */
@Injectable()
export class TenantAgreement {
  constructor(
    private readonly agreements: AgreementService,
    private readonly documents: DeclarationDocumentService,
    private readonly audit: RequestAudit,
  ) {}

  read(established: EstablishedTenant): Promise<AgreementView> {
    return this.agreements.read(municipalityOnly(established));
  }

  async document(established: EstablishedTenant, declarationId: string, reply: FastifyReply): Promise<Buffer> {
    return sendDocument(reply, await this.documents.downloadOwn(municipalityOnly(established), declarationId));
  }

  /** The change commits together with this request's audit event (which names the fields changed, not their values). */
  async updateContact(
    call: TenantCall,
    contactId: string,
    change: UpdateOwnContactDto | ReplaceOwnContactDto,
    mode: 'patch' | 'replace',
  ): Promise<AgreementContactView> {
    const orgnr = municipalityOnly(call);
    const audited = this.audit.eventForHandler(call, 200);
    const contact = await this.agreements.updateContact(orgnr, contactId, change, mode, audited.event);
    audited.committed();
    return contact;
  }
}

function municipalityOnly({ tenant, caller }: EstablishedTenant): string {
  if (caller.supplierOrgnr) {
    throw new DomainError(
      'agreement-not-for-suppliers',
      "The agreement is the municipality's own: a supplier's token cannot read or change it",
    );
  }
  return tenant.value;
}
