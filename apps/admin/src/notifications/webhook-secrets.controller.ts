import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RotatedSecretView, WebhookSecretsView } from '#notifications';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';
import { WebhookSecretsAdminService } from './webhook-secrets.service.js';

@ApiTags('notifications')
@OperatorAuth()
@Controller('admin/v1/tenants/:orgnr/webhook-secret')
export class WebhookSecretsController {
  constructor(private readonly secrets: WebhookSecretsAdminService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      "When the tenant's webhook signing secrets in force were made and until when they sign (never the secrets)",
  })
  @ApiOkResponse({ type: WebhookSecretsView })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  describe(@Param('orgnr') orgnr: string): Promise<WebhookSecretsView> {
    return this.secrets.describe(orgnr);
  }

  @Post('rotate')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Roles('operator')
  @ApiOperation({
    summary:
      'A new webhook signing secret (whsec_…), answered this once; the previous one still signs for WEBHOOK_SECRET_OVERLAP_SECONDS',
  })
  @ApiOkResponse({ type: RotatedSecretView })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  rotate(@Param('orgnr') orgnr: string, @CurrentOperator() operator: Operator): Promise<RotatedSecretView> {
    return this.secrets.rotate(orgnr, operator);
  }
}
