import { Module } from '@nestjs/common';
import { MaskinportenControlController } from '../control/maskinporten-control.controller.js';
import { IdpModule } from '../idp/idp.module.js';
import { ClientRegistry } from './client-registry.js';
import { MaskinportenController } from './maskinporten.controller.js';
import { MaskinportenService } from './maskinporten.service.js';
import { TokenEndpoint } from './token-endpoint.js';

/** Maskinporten and the operator identity provider, with their control API. */
@Module({
  imports: [IdpModule],
  controllers: [MaskinportenController, MaskinportenControlController],
  providers: [ClientRegistry, MaskinportenService, TokenEndpoint],
})
export class MaskinportenSimModule {}
