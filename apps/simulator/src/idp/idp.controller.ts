import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdpService } from './idp.service.js';

/** The operator identity provider's public endpoints. */
@ApiExcludeController()
@Controller('idp')
export class IdpController {
  constructor(private readonly idp: IdpService) {}

  @Get('.well-known/openid-configuration')
  metadata(): Record<string, unknown> {
    return this.idp.metadata();
  }

  @Get('jwks')
  jwks(): Promise<object> {
    return this.idp.jwks();
  }
}
