import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOperatorProblems, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';
import { ExplainQueryDto, ExplanationDto } from './policy-explain.dto.js';
import { PolicyExplainService } from './policy-explain.service.js';

@ApiTags('policy')
@OperatorAuth()
@Controller('admin/v1/policy')
export class PolicyExplainController {
  constructor(private readonly explainer: PolicyExplainService) {}

  @Get('explain')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'What the gateway would decide for a tenant, operation, legal basis and purpose, and why' })
  @ApiOkResponse({ type: ExplanationDto })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'operation-not-in-catalogue')
  explain(@Query() query: ExplainQueryDto): Promise<ExplanationDto> {
    return this.explainer.explain(query);
  }
}
