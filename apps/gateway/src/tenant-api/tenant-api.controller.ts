import { All, Controller, Param, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Caller, MaskinportenAuthGuard, VerifiedCaller } from '../../../../libs/maskinporten/src/index.js';
import { ProxyService } from './proxy.service.js';

/** Every upstream call: /api/v1/{orgnr}/{api}/… mirrors Skatteetaten's paths behind the tenant prefix. */
@ApiTags('Skatteetaten APIs')
@Controller('api/v1/:orgnr')
@UseGuards(MaskinportenAuthGuard)
export class TenantApiController {
  constructor(private readonly proxy: ProxyService) {}

  @All('*')
  @ApiOperation({ summary: 'Calls an operation of the API catalogue for the municipality {orgnr}' })
  handle(@Param('orgnr') orgnr: string, @Req() request: FastifyRequest, @VerifiedCaller() caller: Caller): Promise<unknown> {
    return this.proxy.handle(orgnr, request, caller);
  }
}
