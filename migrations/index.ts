import type { MixedList } from 'typeorm';
import { Foundation1764530000000 } from './1764530000000-foundation.js';
import { Tenancy1764600000000 } from './1764600000000-tenancy.js';
import { AuditEvents1764600100000 } from './1764600100000-audit-events.js';
import { AuditSeals1764600200000 } from './1764600200000-audit-seals.js';
import { Registrations1764600300000 } from './1764600300000-registrations.js';
import { Incidents1764600400000 } from './1764600400000-incidents.js';
import { DatabaseRoles1764600500000 } from './1764600500000-database-roles.js';
import { SecurityRefusals1764600600000 } from './1764600600000-security-refusals.js';
import { RegistrationTrust1764600700000 } from './1764600700000-registration-trust.js';
import { WebhookSecrets1764600800000 } from './1764600800000-webhook-secrets.js';
import { SamordnetTrekk1764601100000 } from './1764601100000-samordnet-trekk.js';
import { Vedlegg1764601200000 } from './1764601200000-vedlegg.js';
import { DeclarationDocuments1764601300000 } from './1764601300000-declaration-documents.js';
import { OnboardingNotices1764601400000 } from './1764601400000-onboarding-notices.js';
import { UsageStatistics1764601600000 } from './1764601600000-usage-statistics.js';

/** Every migration in order; the data source takes them from here rather than from a glob. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: MixedList<Function> = [
  Foundation1764530000000,
  Tenancy1764600000000,
  AuditEvents1764600100000,
  AuditSeals1764600200000,
  Registrations1764600300000,
  Incidents1764600400000,
  DatabaseRoles1764600500000,
  SecurityRefusals1764600600000,
  RegistrationTrust1764600700000,
  WebhookSecrets1764600800000,
  SamordnetTrekk1764601100000,
  Vedlegg1764601200000,
  DeclarationDocuments1764601300000,
  OnboardingNotices1764601400000,
  UsageStatistics1764601600000,
];
