import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPageQueryDto } from '#audit';
import { ApiTenantRoute } from '../openapi/tenant-route.js';
import { type EstablishedTenant, TenantCallOf } from '../tenancy/tenant-call.js';
import { TenantGuard } from '../tenancy/tenant-guard.js';
import { TenantAuditPageResponse } from './tenant-audit.dto.js';
import { TenantAuditService } from './tenant-audit.service.js';

@ApiTags('Audit')
@ApiBearerAuth()
@Controller('api/v1/:orgnr/audit')
@UseGuards(TenantGuard)
export class TenantAuditController {
  constructor(private readonly audit: TenantAuditService) {}

  @Get()
  @ApiOperation({ summary: "The municipality's own audit events, newest first, cursor-paged" })
  @ApiOkResponse({ type: TenantAuditPageResponse })
  @ApiTenantRoute('invalid-request')
  list(@TenantCallOf() tenant: EstablishedTenant, @Query() query: AuditPageQueryDto): Promise<TenantAuditPageResponse> {
    return this.audit.list(tenant, query);
  }
}
