import { Body, Controller, Get, Param, Patch, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgreementContactView, AgreementView, PDF, ReplaceOwnContactDto, UpdateOwnContactDto } from '#tenancy';
import { type TenantCall, TenantCallOf } from '../tenancy/tenant-call.js';
import { TenantGuard } from '../tenancy/tenant-guard.js';
import { ApiTenantRoute } from '../openapi/tenant-route.js';
import { TenantAgreement } from './tenant-agreement.js';

@ApiTags('Agreement')
@ApiBearerAuth()
@Controller('api/v1/:orgnr/agreement')
@UseGuards(TenantGuard)
export class AgreementController {
  constructor(private readonly agreement: TenantAgreement) {}

  @Get()
  @ApiOperation({
    summary:
      "The municipality's own agreement: declarations with states and dates, terms, contacts, suppliers, the operator's support (403 agreement-not-for-suppliers for a supplier)",
  })
  @ApiOkResponse({ type: AgreementView })
  @ApiTenantRoute('agreement-not-for-suppliers')
  read(@TenantCallOf() call: TenantCall): Promise<AgreementView> {
    return this.agreement.read(call);
  }

  @Get('declarations/:id/document')
  @ApiProduces(PDF)
  @ApiOkResponse({
    description: 'The signed PDF',
    content: { [PDF]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiTenantRoute('agreement-not-for-suppliers', 'document-not-found')
  @ApiOperation({ summary: 'The signed document of one of its declarations (404 document-not-found)' })
  document(
    @TenantCallOf() call: TenantCall,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return this.agreement.document(call, id, reply);
  }

  @Patch('contacts/:id')
  @ApiOperation({ summary: "Change some of a contact's details: name, e-mail, phone, roles (404 contact-not-found)" })
  @ApiOkResponse({ type: AgreementContactView })
  @ApiTenantRoute('agreement-not-for-suppliers', 'invalid-request', 'contact-not-found')
  patchContact(
    @TenantCallOf() call: TenantCall,
    @Param('id') id: string,
    @Body() body: UpdateOwnContactDto,
  ): Promise<AgreementContactView> {
    return this.agreement.updateContact(call, id, body, 'patch');
  }

  @Put('contacts/:id')
  @ApiOperation({ summary: "Replace a contact's details: name, e-mail, phone, roles (404 contact-not-found)" })
  @ApiOkResponse({ type: AgreementContactView })
  @ApiTenantRoute('agreement-not-for-suppliers', 'invalid-request', 'contact-not-found')
  putContact(
    @TenantCallOf() call: TenantCall,
    @Param('id') id: string,
    @Body() body: ReplaceOwnContactDto,
  ): Promise<AgreementContactView> {
    return this.agreement.updateContact(call, id, body, 'replace');
  }
}
