import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticeView } from '#notifications';
import { ApiOperatorProblems, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';
import { NoticeQuery } from './notices.dto.js';
import { NoticesAdminService } from './notices.service.js';

@ApiTags('notifications')
@OperatorAuth()
@Controller('admin/v1/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesAdminService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      "The notice outbox (e-mails and webhooks to tenants' contacts), newest first; status=failed lists the dead letters",
  })
  @ApiOkResponse({ type: [NoticeView] })
  @ApiOperatorProblems('invalid-request')
  list(@Query() query: NoticeQuery): Promise<NoticeView[]> {
    return this.notices.list(query);
  }
}
