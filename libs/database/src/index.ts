// #database: what apps, other libraries and tests import; the rest stays inside the library.
export { ChangeListener } from './change-listener.js';
export { createDataSourceOptions, createMigrationDataSourceOptions } from './data-source-options.js';
export { DatabaseModule } from './database.module.js';
export { ApiPauseEntity } from './entities/api-pause.entity.js';
export { AuditEventEntity } from './entities/audit-event.entity.js';
export { AuditExportEntity, type AuditExportStatus } from './entities/audit-export.entity.js';
export { BlockedSubjectEntity } from './entities/blocked-subject.entity.js';
export { DeclarationEntity } from './entities/declaration.entity.js';
export { DelegationEntity } from './entities/delegation.entity.js';
export { IncidentActionEntity } from './entities/incident-action.entity.js';
export { IncidentNotificationEntity } from './entities/incident-notification.entity.js';
export { IncidentTimelineEntity, type IncidentTimelineKind } from './entities/incident-timeline.entity.js';
export { IncidentEntity, type IncidentSeverity, type IncidentStatus } from './entities/incident.entity.js';
export {
  OPEN_REGISTRATION_STATUSES,
  type RegistrationContext,
  RegistrationEntity,
  type RegistrationStatus,
} from './entities/registration.entity.js';
export { SamordnetTrekkOppslagEntity } from './entities/samordnet-trekk-oppslag.entity.js';
export { TenantSupplierEntity } from './entities/tenant-supplier.entity.js';
export { TenantSuspensionEntity } from './entities/tenant-suspension.entity.js';
export { TenantEntity } from './entities/tenant.entity.js';
export { TermsVersionEntity } from './entities/terms-version.entity.js';
export { VedleggEntity } from './entities/vedlegg.entity.js';
export { WebhookDeliveryEntity, type WebhookDeliveryStatus } from './entities/webhook-delivery.entity.js';
export { WebhookSecretEntity } from './entities/webhook-secret.entity.js';
export { runMigrationsLocked } from './migration-runner.js';
export { isUniqueViolation, TenantScopedRepository, TenantScopeError } from './tenant-scoped.repository.js';
export { CONTACT_ROLES } from './entities/tenant.entity.js';
export { type ContactRole } from './entities/tenant.entity.js';
export { FORWARD_CHANNELS } from './entities/declaration.entity.js';
export { type ForwardChannelValue } from './entities/declaration.entity.js';
export { type TenantContact } from './entities/tenant.entity.js';
export { DeclarationDocumentEntity } from './entities/declaration-document.entity.js';
export { type ChangelogEntry } from './entities/terms-version.entity.js';
export { type EligibilityOverride } from './entities/tenant.entity.js';
export { type NoticeChannel } from './entities/notice.entity.js';
export { NoticeEntity } from './entities/notice.entity.js';
export { type TermsDocument } from './entities/terms-version.entity.js';
export { type TermsDocumentKind } from './entities/terms-version.entity.js';
export { TermsSignatureEntity } from './entities/terms-signature.entity.js';
