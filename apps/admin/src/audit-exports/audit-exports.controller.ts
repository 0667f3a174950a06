import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditExportView } from '#audit';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';
import { CreateAuditExportDto, SealResponse, SigningKeysResponse } from './audit-exports.dto.js';
import { AuditExportsService } from './audit-exports.service.js';

@ApiTags('audit')
@OperatorAuth()
@Controller('admin/v1/audit')
export class AuditExportsController {
  constructor(private readonly exports: AuditExportsService) {}

  @Post('exports')
  @HttpCode(202)
  @Roles('auditor')
  @ApiOperation({ summary: 'Start a signed JSONL export (a worker job builds it); poll GET /exports/{id}' })
  @ApiAcceptedResponse({ type: AuditExportView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'queue-unavailable')
  create(@Body() body: CreateAuditExportDto, @CurrentOperator() operator: Operator): Promise<AuditExportView> {
    return this.exports.request(body, operator);
  }

  @Get('exports/:id')
  @Roles('auditor')
  @ApiOkResponse({ type: AuditExportView })
  @ApiOperatorProblems('invalid-request', 'audit-export-not-found')
  get(@Param('id') id: string): Promise<AuditExportView> {
    return this.exports.get(id);
  }

  @Get('exports/:id/download')
  @Roles('auditor')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({
    summary: 'The export as signed JSONL; check it offline with `npm run audit:verify` (409 audit-export-not-ready)',
  })
  @ApiOkResponse({ description: 'Signed JSONL: one event per line, the signature last', schema: { type: 'string' } })
  @ApiOperatorProblems('invalid-request', 'audit-export-not-found', 'audit-export-not-ready')
  async download(
    @Param('id') id: string,
    @CurrentOperator() operator: Operator,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { view, content } = await this.exports.download(id, operator);
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="audit-export-${view.id}.jsonl"`);
    if (view.sha256) reply.header('repr-digest', `sha-256=:${Buffer.from(view.sha256, 'hex').toString('base64')}:`);
    return content;
  }

  @Get('signing-keys')
  @Roles(...READ_ROLES)
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'Public keys (JWKS) of checkpoint and export signatures, for `audit:verify --jwks`' })
  @ApiOkResponse({ type: SigningKeysResponse })
  @ApiOperatorProblems()
  signingKeys(): SigningKeysResponse {
    return this.exports.signingKeys();
  }

  @Post('seal')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({ summary: 'Seal pending events now (the worker also seals on its interval)' })
  @ApiOkResponse({ type: SealResponse })
  @ApiOperatorProblems('audit-unavailable')
  seal(): Promise<SealResponse> {
    return this.exports.sealNow();
  }
}
