import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantRoute } from '../openapi/tenant-route.js';
import { type EstablishedTenant, TenantCallOf } from '../tenancy/tenant-call.js';
import { TenantGuard } from '../tenancy/tenant-guard.js';
import { TenantStatusDto } from './tenant-status.dto.js';
import { TenantStatusService } from './tenant-status.service.js';

@ApiTags('Tenant')
@ApiBearerAuth()
@Controller('api/v1/:orgnr')
@UseGuards(TenantGuard)
export class TenantStatusController {
  constructor(private readonly status: TenantStatusService) {}

  @Get('status')
  @ApiOperation({ summary: 'Which APIs the municipality can use now, and for each it cannot, the reason code' })
  @ApiOkResponse({ type: TenantStatusDto })
  @ApiTenantRoute()
  statusOf(@TenantCallOf() tenant: EstablishedTenant): TenantStatusDto {
    return this.status.statusOf(tenant);
  }
}
