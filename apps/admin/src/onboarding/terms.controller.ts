import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublishTermsDto, ResignOwedView, TermsService, TermsVersionView } from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('terms')
@OperatorAuth()
@Controller('admin/v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary:
      'Publish a terms version: its documents, endringslogg and, if it must be signed again, resignBy (the tenants owing it are notified)',
  })
  @ApiCreatedResponse({ type: TermsVersionView })
  @ApiOperatorProblems('invalid-request', 'terms-version-exists')
  publish(@Body() body: PublishTermsDto, @CurrentOperator() operator: Operator): Promise<TermsVersionView> {
    return this.terms.publish(body, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [TermsVersionView] })
  @ApiOperatorProblems()
  list(): Promise<TermsVersionView[]> {
    return this.terms.list();
  }

  @Get(':version')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: TermsVersionView })
  @ApiOperatorProblems('terms-version-unknown')
  get(@Param('version') version: string): Promise<TermsVersionView> {
    return this.terms.get(version);
  }

  @Get(':version/resign-owed')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary: 'Who must still sign this version (declarations in force signed under an older one), with resignBy',
  })
  @ApiOkResponse({ type: [ResignOwedView] })
  @ApiOperatorProblems('terms-version-unknown')
  owing(@Param('version') version: string): Promise<ResignOwedView[]> {
    return this.terms.owingResign(version);
  }
}
