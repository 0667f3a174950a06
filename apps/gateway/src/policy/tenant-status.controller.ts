import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, MaskinportenAuthGuard, VerifiedCaller } from '../../../../libs/maskinporten/src/index.js';
import { TenantStatusDto, TenantStatusService } from './tenant-status.js';

@ApiTags('Tenant')
@Controller('api/v1/:orgnr')
@UseGuards(MaskinportenAuthGuard)
export class TenantStatusController {
  constructor(private readonly status: TenantStatusService) {}

  @Get('status')
  @ApiOperation({ summary: 'Which APIs the municipality can use now, and for each it cannot, the reason code' })
  @ApiOkResponse({ type: TenantStatusDto })
  statusOf(@Param('orgnr') orgnr: string, @VerifiedCaller() caller: Caller): TenantStatusDto {
    return this.status.statusOf(orgnr, caller);
  }
}
