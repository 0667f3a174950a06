// #audit: what apps, other libraries and tests import; the rest stays inside the library.
export { type AuditEventInput, type AuditEventView } from './audit-event.js';
export { AuditEventResponse, toAuditEventResponse } from './audit-event.response.js';
export { AuditExporter } from './audit-exporter.js';
export { AuditPageQueryDto, toAuditPageRequest } from './audit-page.query.js';
export { type AuditPage, AuditReader } from './audit-reader.js';
export { AuditSealModule } from './audit-seal.module.js';
export { AuditWriter } from './audit-writer.js';
export { AuditModule } from './audit.module.js';
export { AuditRepository } from './audit.repository.js';
export { chainHash, GENESIS_HASH } from './chain.js';
export { CheckpointSigner } from './checkpoint-signer.js';
export { AuditExportView } from './export.repository.js';
export { AuditRetention } from './retention.js';
export { SealRepository } from './seal.repository.js';
export { AuditSealer } from './sealer.js';
export { SubjectProtection } from './subject-protection.js';
export { StatisticsQueryDto, StatisticsResponse, UsageStatistics } from './usage/usage-statistics.js';
export { verifyExport } from './verifier.js';
