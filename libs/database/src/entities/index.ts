import { AuditChainEntity } from './audit-chain.entity.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditExportEntity } from './audit-export.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { UsageDailyEntity, UsageHourlyEntity, UsageMonthlyEntity } from './usage.entity.js';
import { DeclarationEntity } from './declaration.entity.js';
import { DeclarationDocumentEntity } from './declaration-document.entity.js';
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
  DeclarationDocumentEntity,
  TermsSignatureEntity,
  NoticeEntity,
];
