import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, Roles } from '../auth/index.js';
import { AdminAuditPageResponse, AdminAuditQueryDto } from './admin-audit.dto.js';
import { AdminAuditService } from './admin-audit.service.js';

@ApiTags('Audit')
@OperatorAuth()
@Controller('admin/v1/audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({
    summary:
      'Search audit events by tenant, time, case reference or data subject (subject-access report across all tenants)',
  })
  @ApiOkResponse({ type: AdminAuditPageResponse })
  @ApiOperatorProblems('invalid-request', 'invalid-personidentifikator', 'audit-unavailable')
  search(@CurrentOperator() operator: Operator, @Query() query: AdminAuditQueryDto): Promise<AdminAuditPageResponse> {
    return this.audit.search(operator, query);
  }
}
