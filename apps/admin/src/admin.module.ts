import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '#core';
import { PlatformModule } from '#runtime';
import { AdminAuditModule } from './audit/admin-audit.module.js';
import { AuditExportsModule } from './audit-exports/audit-exports.module.js';
import { OperatorAuthModule } from './auth/index.js';
import { IncidentsAdminModule } from './incidents/incidents-admin.module.js';
import { MigrateOnStart } from './migrate-on-start.js';
import { NotificationsAdminModule } from './notifications/notifications-admin.module.js';
import { OnboardingModule } from './onboarding/onboarding.module.js';
import { PolicyExplainModule } from './policy/policy-explain.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';

/** The operator API (never exposed to tenants). */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        PlatformModule.forRoot(config, 'admin'),
        OperatorAuthModule,
        AdminAuditModule,
        OnboardingModule,
        AuditExportsModule,
        PolicyExplainModule,
        IncidentsAdminModule,
        NotificationsAdminModule,
        StatisticsModule,
      ],
      providers: [MigrateOnStart],
    };
  }
}
