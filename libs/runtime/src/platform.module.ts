import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { type AppConfig, ConfigModule, LoggingModule } from '#core';
import { DatabaseModule } from '#database';
import { QueueModule } from '#queue';
import { DatabaseReadinessCheck, RedisReadinessCheck } from './health/checks.js';
import { HealthModule } from './health/health.module.js';
import type { ReadinessCheck } from './health/readiness-check.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis/redis.module.js';

/** What every database-backed process has: config, logs, PostgreSQL, Redis, bull, health, metrics. */
@Module({})
export class PlatformModule {
  /** `readiness`: checks of this process beyond PostgreSQL and Redis (their dependencies must be global). */
  static forRoot(config: AppConfig, service: string, readiness: Type<ReadinessCheck>[] = []): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, service),
        DatabaseModule,
        RedisModule,
        QueueModule,
        MetricsModule.forRoot(config),
        HealthModule.register([DatabaseReadinessCheck, RedisReadinessCheck, ...readiness]),
      ],
    };
  }
}
