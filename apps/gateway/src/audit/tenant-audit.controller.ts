import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, MaskinportenAuthGuard, VerifiedCaller } from '../../../../libs/maskinporten/src/index.js';
import { AuditPageQueryDto } from '../../../../libs/audit/src/index.js';
import { TenantAuditPageResponse } from './tenant-audit.dto.js';
import { TenantAuditService } from './tenant-audit.service.js';

@ApiTags('Audit')
@ApiBearerAuth()
@Controller('api/v1/:orgnr/audit')
@UseGuards(MaskinportenAuthGuard)
export class TenantAuditController {
  constructor(private readonly audit: TenantAuditService) {}

  @Get()
  @ApiOperation({ summary: "The municipality's own audit events, newest first, cursor-paged" })
  @ApiOkResponse({ type: TenantAuditPageResponse })
  list(@Param('orgnr') orgnr: string, @VerifiedCaller() caller: Caller, @Query() query: AuditPageQueryDto): Promise<TenantAuditPageResponse> {
    return this.audit.list(orgnr, caller, query);
  }
}
