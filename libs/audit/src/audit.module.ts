import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { AuditReader } from './audit-reader.js';
import { AuditWriter } from './audit-writer.js';
import { AuditRepository } from './audit.repository.js';
import { SubjectProtection } from './subject-protection.js';

/**
 * The audit log for gateway, admin and worker. Needs what PlatformModule provides globally:
 * APP_CONFIG, the TypeORM DataSource and the MetricsRegistry. Starting without subject keys
 * outside APP_ENV=test is a ConfigError.
 */
@Module({
  providers: [
    AuditRepository,
    {
      provide: SubjectProtection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SubjectProtection(config.audit),
    },
    AuditWriter,
    AuditReader,
  ],
  exports: [AuditWriter, AuditReader, SubjectProtection, AuditRepository],
})
export class AuditModule {}
