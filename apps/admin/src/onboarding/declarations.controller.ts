import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActivateDeclarationDto,
  CreateDeclarationDto,
  DeclarationDecisionDto,
  DeclarationReasonDto,
  DeclarationService,
  DeclarationView,
  ListDeclarationsQuery,
} from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

/** Connection declarations; an action not allowed in the current state is 409 invalid-transition with `allowed`. */
@ApiTags('declarations')
@OperatorAuth()
@Controller('admin/v1')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationService) {}

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
  @ApiOperation({ summary: "Deliver to Skatteetaten's intake; becomes forwarded once delivered" })
  @ApiAcceptedResponse({ type: DeclarationView })
  @ApiOperatorProblems('invalid-request', 'declaration-not-found', 'invalid-transition', 'queue-unavailable')
  forward(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<DeclarationView> {
    return this.declarations.forward(id, operator);
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
