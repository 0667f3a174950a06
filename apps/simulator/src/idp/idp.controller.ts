import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdpService } from './idp.service.js';

/** The operator identity provider's public endpoints. */
@ApiExcludeController()
@Controller('idp')
export class IdpController {
  constructor(private readonly idp: IdpService) {}

  // Read by the console in the browser, from the admin origin.
  @Get('.well-known/openid-configuration')
  @Header('access-control-allow-origin', '*')
  metadata(): Record<string, unknown> {
    return this.idp.metadata();
  }

  @Get('jwks')
  jwks(): Promise<object> {
    return this.idp.jwks();
  }
}
