import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResignDeclarationDto, TermsService, TermsSignatureView } from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('terms')
@OperatorAuth()
@Controller('admin/v1/declarations')
export class TermsSignaturesController {
  constructor(private readonly terms: TermsService) {}

  @Post(':id/resign')
  @Roles('operator')
  @ApiOperation({ summary: 'The municipality signed the declaration again under a newer terms version' })
  @ApiCreatedResponse({ type: TermsSignatureView })
  @ApiOperatorProblems(
    'invalid-request',
    'declaration-not-found',
    'invalid-transition',
    'terms-version-unknown',
    'terms-version-not-newer',
  )
  resign(
    @Param('id') id: string,
    @Body() body: ResignDeclarationDto,
    @CurrentOperator() operator: Operator,
  ): Promise<TermsSignatureView> {
    return this.terms.resign(id, body, operator);
  }

  @Get(':id/signatures')
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [TermsSignatureView] })
  @ApiOperatorProblems('declaration-not-found')
  signatures(@Param('id') id: string): Promise<TermsSignatureView[]> {
    return this.terms.signatures(id);
  }
}
