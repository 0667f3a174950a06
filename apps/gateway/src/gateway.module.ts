import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/core/src/index.js';
import { MaskinportenModule } from '../../../libs/maskinporten/src/index.js';
import { PlatformModule } from '../../../libs/runtime/src/index.js';
import { ProxyService } from './tenant-api/proxy.service.js';
import { TenantApiController } from './tenant-api/tenant-api.controller.js';

/** The tenant-facing API. */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot(config, 'gateway'), MaskinportenModule.forRoot()],
      controllers: [TenantApiController],
      providers: [ProxyService],
    };
  }
}
