import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdpService } from '../idp/idp.service.js';
import { OperatorTokenRequestDto } from './idp-control.dto.js';

@ApiTags('simulator control')
@Controller('_sim')
export class IdpControlController {
  constructor(private readonly idp: IdpService) {}

  @Post('operator-tokens')
  @HttpCode(200)
  operatorToken(@Body() body: OperatorTokenRequestDto): Promise<object> {
    return this.idp.operatorToken(body);
  }
}
