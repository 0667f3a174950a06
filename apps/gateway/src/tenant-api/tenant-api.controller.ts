import { All, Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RegistrationView } from '#registrations';
import { ApiTenantRoute } from '../openapi/tenant-route.js';
import { type TenantCall, TenantCallOf } from '../tenancy/tenant-call.js';
import { TenantGuard } from '../tenancy/tenant-guard.js';
import { ProxyService } from './proxy.service.js';

/** Every upstream call: /api/v1/{orgnr}/{api}/… mirrors Skatteetaten's paths behind the tenant prefix. */
@ApiTags('Skatteetaten APIs')
@ApiBearerAuth()
@Controller('api/v1/:orgnr')
@UseGuards(TenantGuard)
export class TenantApiController {
  constructor(private readonly proxy: ProxyService) {}

  @Get('utleggstrekk/beslutninger/:id')
  @ApiOperation({
    summary: 'The state of a registration (beslutning om utleggstrekk) sent earlier through the gateway',
  })
  @ApiParam({ name: 'id', description: 'The Registration-Id of the POST', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: RegistrationView })
  @ApiTenantRoute('tenant-suspended', 'api-suspended-for-tenant', 'registration-not-found')
  registration(@TenantCallOf() call: TenantCall, @Param('id') id: string): Promise<RegistrationView> {
    return this.proxy.registration(call, id);
  }

  /**
   * One route for every catalogue operation: the catalogue, not the router, decides what is an
   * operation (and decodes the path once). The document lists each operation as its own path
   * instead (openapi/catalogue-paths.ts), so this wildcard is left out of it.
   */
  @All('*')
  @ApiExcludeEndpoint()
  async handle(@TenantCallOf() call: TenantCall, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.proxy.handle(call);
    await reply.status(answer.status).headers(answer.headers).type(answer.contentType).send(answer.body);
  }
}
