import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StatisticsQueryDto, StatisticsResponse, UsageStatistics } from '#audit';
import { ApiOperatorProblems, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('statistics')
@OperatorAuth()
@Controller('admin/v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: UsageStatistics) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary: 'Gateway calls and refusals per hour, day or month, by municipality, API, legal basis, decision and code',
    description:
      'Answered from the usage rollup the audit sealer keeps (UTC periods; an event counts once it is sealed).',
  })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiOperatorProblems('invalid-request', 'statistics-range-too-large')
  get(@Query() query: StatisticsQueryDto): Promise<StatisticsResponse> {
    return this.statistics.query(query);
  }
}
