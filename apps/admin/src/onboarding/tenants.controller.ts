import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateTenantDto,
  SuccessionDto,
  TenantReasonDto,
  TenantService,
  TenantSuspensionDto,
  TenantView,
  UpdateTenantDto,
} from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('tenants')
@OperatorAuth()
@Controller('admin/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantService) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary:
      'Register a municipality: one on the list of municipalities, or another with eligibilityOverrideReason (422 not-a-municipality)',
  })
  @ApiCreatedResponse({ type: TenantView })
  @ApiOperatorProblems(
    'invalid-request',
    'invalid-orgnr',
    'tenant-exists',
    'not-a-municipality',
    'municipality-number-mismatch',
  )
  create(@Body() body: CreateTenantDto, @CurrentOperator() operator: Operator): Promise<TenantView> {
    return this.tenants.create(body, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [TenantView] })
  @ApiOperatorProblems()
  list(): Promise<TenantView[]> {
    return this.tenants.list();
  }

  @Get(':orgnr')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  get(@Param('orgnr') orgnr: string): Promise<TenantView> {
    return this.tenants.get(orgnr);
  }

  @Patch(':orgnr')
  @Roles('operator')
  @ApiOperation({ summary: 'Change name, contacts or the request rate (null: platform default)' })
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found')
  update(
    @Param('orgnr') orgnr: string,
    @Body() body: UpdateTenantDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.update(orgnr, body, operator);
  }

  @Post(':orgnr/succession')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary:
      'Merger: declarations, delegations (to verify again), suppliers and contacts go to the successor; the access of this tenant ends, its audit stays',
  })
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems(
    'invalid-request',
    'invalid-orgnr',
    'tenant-not-found',
    'invalid-transition',
    'successor-not-found',
  )
  succession(
    @Param('orgnr') orgnr: string,
    @Body() body: SuccessionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.succession(orgnr, body, operator);
  }

  @Post(':orgnr/terminate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'End access for good; open declarations are terminated with it' })
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found', 'invalid-transition')
  terminate(
    @Param('orgnr') orgnr: string,
    @Body() body: TenantReasonDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.terminate(orgnr, body, operator);
  }

  @Post(':orgnr/suspend')
  @HttpCode(200)
  @Roles('incident-manager')
  @ApiOperation({ summary: 'Suspend all APIs, or the given ones, for this tenant' })
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found', 'invalid-transition')
  suspend(
    @Param('orgnr') orgnr: string,
    @Body() body: TenantSuspensionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.suspend(orgnr, body, operator);
  }

  @Post(':orgnr/resume')
  @HttpCode(200)
  @Roles('incident-manager')
  @ApiOperation({ summary: 'Lift every suspension, or those of the given APIs' })
  @ApiOkResponse({ type: TenantView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found', 'invalid-transition')
  resume(
    @Param('orgnr') orgnr: string,
    @Body() body: TenantSuspensionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.resume(orgnr, body, operator);
  }
}
