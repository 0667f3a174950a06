import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ActivateDeclarationDto,
  CreateDeclarationDto,
  DeclarationDecisionDto,
  DeclarationDocumentService,
  type DeclarationPackage,
  DeclarationPackageBuilder,
  DeclarationReasonDto,
  DeclarationService,
  DeclarationView,
  ListDeclarationsQuery,
  DocumentMetadataView,
  PDF,
  RecordForwardingDto,
  sendDocument,
} from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

/** Connection declarations; an action not allowed in the current state is 409 invalid-transition with `allowed`. */
@ApiTags('declarations')
@OperatorAuth()
@Controller('admin/v1')
export class DeclarationsController {
  constructor(
    private readonly declarations: DeclarationService,
    private readonly documents: DeclarationDocumentService,
    private readonly packages: DeclarationPackageBuilder,
  ) {}

  @Post('tenants/:orgnr/declarations')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a signed declaration (received; active at once with existingAgreement)' })
  @ApiCreatedResponse({ type: DeclarationView })
  @ApiOperatorProblems(
    'invalid-request',
    'invalid-orgnr',
    'tenant-not-found',
    'terms-version-unknown',
    'invalid-transition',
  )
  create(
    @Param('orgnr') orgnr: string,
    @Body() body: CreateDeclarationDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.create(orgnr, body, operator);
  }

  @Get('tenants/:orgnr/declarations')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [DeclarationView] })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  list(@Param('orgnr') orgnr: string): Promise<DeclarationView[]> {
    return this.declarations.listForTenant(orgnr);
  }

  @Get('declarations')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'The onboarding queue: declarations across municipalities by state, oldest first' })
  @ApiOkResponse({ type: [DeclarationView] })
  @ApiOperatorProblems('invalid-request')
  listByStatus(@Query() query: ListDeclarationsQuery): Promise<DeclarationView[]> {
    return this.declarations.listByStatus(query);
  }

  @Get('declarations/:id')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found')
  get(@Param('id') id: string): Promise<DeclarationView> {
    return this.declarations.get(id);
  }

  @Post('declarations/:id/forward')
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({
    summary:
      "Deliver to Skatteetaten's intake; becomes forwarded once delivered (409 declaration-intake-off without DECLARATION_INTAKE_URL)",
  })
  @ApiAcceptedResponse({ type: DeclarationView })
  @ApiOperatorProblems(
    'invalid-request',
    'declaration-not-found',
    'invalid-transition',
    'declaration-intake-off',
    'document-missing',
    'queue-unavailable',
  )
  forward(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<DeclarationView> {
    return this.declarations.forward(id, operator);
  }

  @Post('declarations/:id/record-forwarding')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary:
      'Record a forward made by e-mail, a form or the intake by hand: received → forwarded (409 document-missing without the signed document)',
  })
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition', 'document-missing')
  recordForwarding(
    @Param('id') id: string,
    @Body() body: RecordForwardingDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.recordForwarding(id, body, operator);
  }

  @Post('declarations/:id/document')
  @HttpCode(201)
  @Roles('operator')
  @ApiConsumes(PDF)
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: "the signed PDF; its SHA-256 must be the declaration's documentSha256",
  })
  @ApiOperation({
    summary:
      'Store the signed document (415 not sent as PDF, 413 too large, 422 document-not-pdf / document-hash-mismatch)',
  })
  @ApiCreatedResponse({ type: DocumentMetadataView })
  @ApiOperatorProblems(
    'declaration-not-found',
    'unsupported-media-type',
    'payload-too-large',
    'document-not-pdf',
    'document-hash-mismatch',
  )
  uploadDocument(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentOperator() operator: Operator,
  ): Promise<DocumentMetadataView> {
    return this.documents.upload(id, body, operator);
  }

  @Get('declarations/:id/document')
  @Roles(...READ_ROLES)
  @ApiProduces(PDF)
  @ApiOperation({ summary: 'The signed document (404 document-not-found)' })
  @ApiOkResponse({
    description: 'The signed PDF',
    content: { [PDF]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiOperatorProblems('document-not-found')
  async document(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendDocument(reply, await this.documents.download(id));
  }

  @Get('declarations/:id/package')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'What is forwarded to Skatteetaten (the intake receives the same), with the signed document base64-encoded',
  })
  @ApiOkResponse({
    description:
      'The package (declaration-package.ts): municipality, contacts, APIs, legal bases, terms, suppliers, document',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiOperatorProblems('declaration-not-found', 'document-missing')
  package(@Param('id') id: string): Promise<DeclarationPackage> {
    return this.packages.build(id);
  }

  @Post('declarations/:id/approve')
  @HttpCode(200)
  @Roles('operator')
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  approve(
    @Param('id') id: string,
    @Body() body: DeclarationDecisionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.approve(id, body, operator);
  }

  @Post('declarations/:id/reject')
  @HttpCode(200)
  @Roles('operator')
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  reject(
    @Param('id') id: string,
    @Body() body: DeclarationDecisionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.reject(id, body, operator);
  }

  @Post('declarations/:id/activate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  activate(
    @Param('id') id: string,
    @Body() body: ActivateDeclarationDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.activate(id, body, operator);
  }

  @Post('declarations/:id/suspend')
  @HttpCode(200)
  @Roles('incident-manager')
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  suspend(
    @Param('id') id: string,
    @Body() body: DeclarationReasonDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.suspend(id, body, operator);
  }

  @Post('declarations/:id/resume')
  @HttpCode(200)
  @Roles('incident-manager')
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  resume(
    @Param('id') id: string,
    @Body() body: DeclarationReasonDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.resume(id, body, operator);
  }

  @Post('declarations/:id/terminate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Final: ends any state except rejected' })
  @ApiOkResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition')
  terminate(
    @Param('id') id: string,
    @Body() body: DeclarationReasonDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DeclarationView> {
    return this.declarations.terminate(id, body, operator);
  }
}
