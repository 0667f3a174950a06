import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DelegationService, DelegationView, RecordDelegationDto } from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('delegations')
@OperatorAuth()
@Controller('admin/v1/tenants/:orgnr/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationService) {}

  @Post()
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({ summary: 'Record a delegation (pending); a worker job verifies it at Maskinporten' })
  @ApiAcceptedResponse({ type: DelegationView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found', 'queue-unavailable')
  record(
    @Param('orgnr') orgnr: string,
    @Body() body: RecordDelegationDto,
    @CurrentOperator() operator: Operator,
  ): Promise<DelegationView> {
    return this.delegations.record(orgnr, body, operator);
  }

  @Post('verify')
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({ summary: "Check all of the tenant's delegations again now" })
  @ApiAcceptedResponse({ type: [DelegationView] })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found', 'queue-unavailable')
  verify(@Param('orgnr') orgnr: string, @CurrentOperator() operator: Operator): Promise<DelegationView[]> {
    return this.delegations.verifyAll(orgnr, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [DelegationView] })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  list(@Param('orgnr') orgnr: string): Promise<DelegationView[]> {
    return this.delegations.list(orgnr);
  }
}
