export * from './audit-event.js';
export * from './audit-reader.js';
export * from './audit-writer.js';
export * from './audit.module.js';
export * from './audit.repository.js';
export * from './subject-protection.js';
export * from './audit-seal.module.js';
export * from './chain.js';
export * from './checkpoint-signer.js';
export * from './audit-exporter.js';
export * from './export.repository.js';
export * from './retention.js';
export * from './seal.repository.js';
export * from './sealer.js';
export * from './verifier.js';
export * from './audit-event.response.js';
export * from './audit-page.query.js';
export {
  StatisticsQueryDto,
  StatisticsResponse,
  StatisticsRowResponse,
  UsageStatistics,
} from './usage/usage-statistics.js';
