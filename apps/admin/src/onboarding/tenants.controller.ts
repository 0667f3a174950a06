import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateTenantDto,
  SuccessionDto,
  TenantReasonDto,
  TenantService,
  TenantSuspensionDto,
  type TenantView,
  UpdateTenantDto,
} from '#tenancy';
import { CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('tenants')
@OperatorAuth()
@Controller('admin/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantService) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a municipality (409 tenant-exists, 400 invalid-orgnr)' })
  create(@Body() body: CreateTenantDto, @CurrentOperator() operator: Operator): Promise<TenantView> {
    return this.tenants.create(body, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  list(): Promise<TenantView[]> {
    return this.tenants.list();
  }

  @Get(':orgnr')
  @Roles(...READ_ROLES)
  get(@Param('orgnr') orgnr: string): Promise<TenantView> {
    return this.tenants.get(orgnr);
  }

  @Patch(':orgnr')
  @Roles('operator')
  @ApiOperation({ summary: 'Change name, contacts or the request rate (null: platform default)' })
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
    summary: 'Merger: the tenant is succeeded by another municipality; its access ends, its audit stays',
  })
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
  resume(
    @Param('orgnr') orgnr: string,
    @Body() body: TenantSuspensionDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TenantView> {
    return this.tenants.resume(orgnr, body, operator);
  }
}
