import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IntakeStore, type ReceivedDeclaration } from './intake-store.js';

export class IntakeFailureDto {
  @ApiProperty({ description: 'the status to answer', example: 503 })
  @IsInt()
  @Min(400)
  @Max(599)
  status!: number;

  @ApiProperty({ description: 'how many deliveries to fail', example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  count!: number;
}

/** What the intake received (GET/DELETE /_sim/intake) and failures to answer with (POST /_sim/intake/failures). */
@ApiTags('simulator control')
@Controller('_sim/intake')
export class IntakeControlController {
  constructor(private readonly store: IntakeStore) {}

  @Get()
  list(): ReceivedDeclaration[] {
    return this.store.list();
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.store.clear();
  }

  @Post('failures')
  @HttpCode(201)
  fail(@Body() body: IntakeFailureDto): IntakeFailureDto {
    this.store.failNext(body.status, body.count);
    return body;
  }
}
