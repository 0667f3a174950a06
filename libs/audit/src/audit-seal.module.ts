import { Module } from '@nestjs/common';
import { checkpointSignerProvider } from './checkpoint-signer.js';
import { AuditExporter } from './audit-exporter.js';
import { ExportRepository } from './export.repository.js';
import { AuditRetention } from './retention.js';
import { SealRepository } from './seal.repository.js';
import { UsageStatistics } from './usage/usage-statistics.js';
import { UsageRepository } from './usage/usage.repository.js';
import { AuditSealer } from './sealer.js';

/**
 * Sealer, checkpoint signer, exporter and retention (imported by the worker and, for exports and
 * the signing keys, by admin). Needs PlatformModule's DataSource, APP_CONFIG and MetricsRegistry.
 */
@Module({
  providers: [
    SealRepository,
    UsageRepository,
    UsageStatistics,
    checkpointSignerProvider,
    AuditSealer,
    ExportRepository,
    AuditExporter,
    AuditRetention,
  ],
  exports: [
    SealRepository,
    UsageStatistics,
    checkpointSignerProvider,
    AuditSealer,
    ExportRepository,
    AuditExporter,
    AuditRetention,
  ],
})
export class AuditSealModule {}
