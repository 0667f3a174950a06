import { All, Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RegistrationView } from '#registrations';
import { type TenantCall, TenantCallOf } from '../tenancy/tenant-call.js';
import { TenantGuard } from '../tenancy/tenant-guard.js';
import { ProxyService } from './proxy.service.js';

/** Every upstream call: /api/v1/{orgnr}/{api}/… mirrors Skatteetaten's paths behind the tenant prefix. */
@ApiTags('Skatteetaten APIs')
@Controller('api/v1/:orgnr')
@UseGuards(TenantGuard)
export class TenantApiController {
  constructor(private readonly proxy: ProxyService) {}

  @Get('utleggstrekk/beslutninger/:id')
  @ApiOperation({
    summary: 'The state of a registration (beslutning om utleggstrekk) sent earlier through the gateway',
  })
  registration(@TenantCallOf() call: TenantCall, @Param('id') id: string): Promise<RegistrationView> {
    return this.proxy.registration(call, id);
  }

  @All('*')
  @ApiOperation({
    summary: 'Calls an operation of the API catalogue for the municipality {orgnr}',
    description:
      'JSON operations take application/json; the decision-document upload (utleggstrekk …/vedlegg) takes the raw PDF as application/pdf and answers Skatteetaten’s uuid.',
  })
  @ApiConsumes('application/json', 'application/pdf')
  async handle(@TenantCallOf() call: TenantCall, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.proxy.handle(call);
    await reply.status(answer.status).headers(answer.headers).type(answer.contentType).send(answer.body);
  }
}
