import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadLetterView, WebhookDeliveryView } from '#notifications';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';
import { DeadLetterQuery } from './dead-letters.dto.js';
import { DeadLettersService } from './dead-letters.service.js';

@ApiTags('notifications')
@OperatorAuth()
@Controller('admin/v1/notifications/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Webhook deliveries that failed after their last attempt, newest first' })
  @ApiOkResponse({ type: [DeadLetterView] })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr')
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterView[]> {
    return this.deadLetters.list(query.tenant);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('incident-manager')
  @ApiOperation({
    summary: 'Queue a dead letter again with a fresh retry budget (404 webhook-delivery-not-found unless it is failed)',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiOperatorProblems('invalid-request', 'webhook-delivery-not-found', 'queue-unavailable')
  retry(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<WebhookDeliveryView> {
    return this.deadLetters.retry(id, operator);
  }
}
