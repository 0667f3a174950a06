import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { NoticeOutbox, NoticeRepository } from '#notifications';
import { DeclarationRepository } from './declarations/declaration.repository.js';
import { DeclarationService } from './declarations/declaration.service.js';
import { DelegationRepository } from './delegations/delegation.repository.js';
import { DelegationService } from './delegations/delegation.service.js';
import { MunicipalityList } from './eligibility/municipality-list.js';
import { OperatorActionLog } from './operator-action-log.js';
import { PolicyStateWriter } from './policy-state/policy-state.writer.js';
import { SupplierRepository } from './suppliers/supplier.repository.js';
import { SupplierService } from './suppliers/supplier.service.js';
import { TenantRepository } from './tenants/tenant.repository.js';
import { TenantSuspensionRepository } from './tenants/tenant-suspension.repository.js';
import { TenantService } from './tenants/tenant.service.js';
import { TermsSignatureRepository } from './terms/terms-signature.repository.js';
import { TermsRepository } from './terms/terms.repository.js';
import { TermsService } from './terms/terms.service.js';
import { DeclarationDocumentRepository } from './documents/declaration-document.repository.js';
import { DeclarationDocumentService, DocumentRetention } from './documents/declaration-document.service.js';
import { DeclarationPackageBuilder } from './declarations/declaration-package.js';
import { AgreementService } from './agreement/agreement.service.js';

const SERVICES = [
  TenantService,
  DeclarationService,
  TermsService,
  DelegationService,
  SupplierService,
  PolicyStateWriter,
  OperatorActionLog,
  DeclarationDocumentService,
  DocumentRetention,
  DeclarationPackageBuilder,
  AgreementService,
  MunicipalityList,
  NoticeOutbox,
];

/** Onboarding state: tenants, declarations, terms, delegations, suppliers; notices of their changes go to the outbox. Needs PlatformModule (DataSource, queues, config); operator actions go to the audit log. */
@Module({
  imports: [AuditModule],
  providers: [
    ...SERVICES,
    NoticeRepository,
    TenantRepository,
    TenantSuspensionRepository,
    DeclarationRepository,
    TermsRepository,
    TermsSignatureRepository,
    DelegationRepository,
    SupplierRepository,
    DeclarationDocumentRepository,
  ],
  exports: SERVICES,
})
export class TenancyModule {}
