// #tenancy: what apps, other libraries and tests import; the rest stays inside the library.
export {
  allowedActions,
  DECLARATION_ACTIONS,
  type DeclarationAction,
  type DeclarationStatus,
} from './declarations/declaration-state.js';
export {
  ActivateDeclarationDto,
  CreateDeclarationDto,
  DeclarationDecisionDto,
  DeclarationReasonDto,
  DeclarationView,
  ListDeclarationsQuery,
} from './declarations/declaration.dto.js';
export { DeclarationService } from './declarations/declaration.service.js';
export { type IntakeDelivery } from './declarations/forwarding.js';
export { DelegationView, RecordDelegationDto } from './delegations/delegation.dto.js';
export { type DelegationCheckResult, DelegationService } from './delegations/delegation.service.js';
export { type ActingOperator, type IncidentLink, OperatorActionLog } from './operator-action-log.js';
export { policyInputOf } from './policy-state/policy-input.builder.js';
export { type PolicyStateSnapshot, type TenantPolicyState, UNKNOWN_TENANT } from './policy-state/policy-state.js';
export { PolicyStateRepository } from './policy-state/policy-state.repository.js';
export { ALL_TENANTS, POLICY_CHANGE_CHANNEL, PolicyStateWriter } from './policy-state/policy-state.writer.js';
export { AddSupplierDto, SupplierView } from './suppliers/supplier.dto.js';
export { SupplierService } from './suppliers/supplier.service.js';
export { TenancyModule } from './tenancy.module.js';
export {
  CreateTenantDto,
  SuccessionDto,
  TenantReasonDto,
  TenantSuspensionDto,
  TenantView,
  UpdateTenantDto,
} from './tenants/tenant.dto.js';
export { TenantService } from './tenants/tenant.service.js';
export { PublishTermsDto, TermsVersionView } from './terms/terms.dto.js';
export { TermsService } from './terms/terms.service.js';
export { AgreementContactView } from './agreement/agreement.dto.js';
export { AgreementService } from './agreement/agreement.service.js';
export { AgreementView } from './agreement/agreement.dto.js';
export { type DeclarationPackage } from './declarations/declaration-package.js';
export { DeclarationPackageBuilder } from './declarations/declaration-package.js';
export { DocumentMetadataView } from './documents/declaration-document.dto.js';
export { DocumentRetention } from './documents/declaration-document.service.js';
export { PDF } from './documents/declaration-document.dto.js';
export { RecordForwardingDto } from './declarations/declaration.dto.js';
export { ReplaceOwnContactDto } from './agreement/agreement.dto.js';
export { UpdateOwnContactDto } from './agreement/agreement.dto.js';
export { sendDocument } from './documents/document-reply.js';
export { DeclarationDocumentService } from './documents/declaration-document.service.js';
export { ResignOwedView } from './terms/terms.dto.js';
export { TermsSignatureView } from './terms/terms.dto.js';
export { ResignDeclarationDto } from './terms/terms.dto.js';
