import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { PlatformModule } from '../../../libs/runtime/src/index.js';
import { MigrateOnStart } from './migrate-on-start.js';

/** The operator API (never exposed to tenants). */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AdminModule, imports: [PlatformModule.forRoot(config, 'admin')], providers: [MigrateOnStart] };
  }
}
