import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublishTermsDto, TermsService, type TermsVersionView } from '#tenancy';
import { CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('terms')
@OperatorAuth()
@Controller('admin/v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Post()
  @Roles('operator')
  publish(@Body() body: PublishTermsDto, @CurrentOperator() operator: Operator): Promise<TermsVersionView> {
    return this.terms.publish(body, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  list(): Promise<TermsVersionView[]> {
    return this.terms.list();
  }
}
