import { AuditChainEntity } from './audit-chain.entity.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditExportEntity } from './audit-export.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { UsageDailyEntity, UsageHourlyEntity, UsageMonthlyEntity } from './usage.entity.js';
import { DeclarationEntity } from './declaration.entity.js';
import { DelegationEntity } from './delegation.entity.js';
import { TenantSupplierEntity } from './tenant-supplier.entity.js';
import { TenantSuspensionEntity } from './tenant-suspension.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { TermsVersionEntity } from './terms-version.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSecretEntity } from './webhook-secret.entity.js';
import { ApiPauseEntity } from './api-pause.entity.js';
import { BlockedSubjectEntity } from './blocked-subject.entity.js';
import { IncidentActionEntity } from './incident-action.entity.js';
import { IncidentNotificationEntity } from './incident-notification.entity.js';
import { IncidentTimelineEntity } from './incident-timeline.entity.js';
import { IncidentEntity } from './incident.entity.js';
import { SecurityRefusalEntity } from './security-refusal.entity.js';
import { SamordnetTrekkOppslagEntity } from './samordnet-trekk-oppslag.entity.js';
import { VedleggEntity } from './vedlegg.entity.js';
import { TermsSignatureEntity } from './terms-signature.entity.js';
import { NoticeEntity } from './notice.entity.js';

export * from './audit-chain.entity.js';
export * from './audit-checkpoint.entity.js';
export * from './audit-event.entity.js';
export * from './audit-export.entity.js';
export * from './registration.entity.js';
export * from './declaration.entity.js';
export * from './delegation.entity.js';
export * from './tenant-supplier.entity.js';
export * from './tenant-suspension.entity.js';
export * from './tenant.entity.js';
export * from './terms-version.entity.js';
export * from './webhook-delivery.entity.js';
export * from './webhook-secret.entity.js';
export * from './api-pause.entity.js';
export * from './blocked-subject.entity.js';
export * from './incident-action.entity.js';
export * from './incident-notification.entity.js';
export * from './incident-timeline.entity.js';
export * from './incident.entity.js';
export * from './security-refusal.entity.js';
export * from './samordnet-trekk-oppslag.entity.js';
export * from './vedlegg.entity.js';
export * from './usage.entity.js';
export * from './terms-signature.entity.js';
export * from './notice.entity.js';

/** Every entity of the schema; migrations/ must describe exactly these (checked by the drift test). */
export const ENTITIES = [
  TenantEntity,
  WebhookDeliveryEntity,
  AuditEventEntity,
  AuditChainEntity,
  AuditCheckpointEntity,
  AuditExportEntity,
  RegistrationEntity,
  TermsVersionEntity,
  DeclarationEntity,
  DelegationEntity,
  TenantSupplierEntity,
  TenantSuspensionEntity,
  IncidentEntity,
  IncidentActionEntity,
  IncidentTimelineEntity,
  IncidentNotificationEntity,
  ApiPauseEntity,
  BlockedSubjectEntity,
  WebhookSecretEntity,
  SecurityRefusalEntity,
  SamordnetTrekkOppslagEntity,
  VedleggEntity,
  UsageHourlyEntity,
  UsageDailyEntity,
  UsageMonthlyEntity,
  TermsSignatureEntity,
  NoticeEntity,
];
