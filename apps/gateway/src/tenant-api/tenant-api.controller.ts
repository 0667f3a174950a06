import { All, Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Caller, MaskinportenAuthGuard, VerifiedCaller } from '../../../../libs/maskinporten/src/index.js';
import type { RegistrationView } from '../../../../libs/registrations/src/index.js';
import { ProxyService } from './proxy.service.js';

/** Every upstream call: /api/v1/{orgnr}/{api}/… mirrors Skatteetaten's paths behind the tenant prefix. */
@ApiTags('Skatteetaten APIs')
@Controller('api/v1/:orgnr')
@UseGuards(MaskinportenAuthGuard)
export class TenantApiController {
  constructor(private readonly proxy: ProxyService) {}

  @Get('utleggstrekk/beslutninger/:id')
  @ApiOperation({ summary: 'The state of a registration (beslutning om utleggstrekk) sent earlier through the gateway' })
  registration(@Param('orgnr') orgnr: string, @Param('id') id: string, @Req() request: FastifyRequest, @VerifiedCaller() caller: Caller): Promise<RegistrationView> {
    return this.proxy.registration(orgnr, id, request, caller);
  }

  @All('*')
  @ApiOperation({ summary: 'Calls an operation of the API catalogue for the municipality {orgnr}' })
  async handle(@Param('orgnr') orgnr: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @VerifiedCaller() caller: Caller): Promise<void> {
    const answer = await this.proxy.handle(orgnr, request, caller);
    await reply.status(answer.status).headers(answer.headers).type(answer.contentType).send(answer.body);
  }
}
