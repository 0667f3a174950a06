import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PublishTermsDto, TermsService, TermsVersionView } from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('terms')
@OperatorAuth()
@Controller('admin/v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Post()
  @Roles('operator')
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
}
