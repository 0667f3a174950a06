import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CONCURRENCY_SCOPES, type ConcurrencyScope } from '#core';
import { SIM_TARGETS } from '../control/sim-observability.dto.js';
import type { SimTarget } from '../common/request-log.js';
import { ConcurrencyGate } from './concurrency-gate.js';

const SKATTEETATEN_TARGETS = SIM_TARGETS.filter((target) => target !== 'maskinporten');

/** PUT /_sim/concurrency: whom the five concurrent calls count for, per API. */
export class SetConcurrencyScopeDto {
  @ApiProperty({ enum: SKATTEETATEN_TARGETS })
  @IsIn(SKATTEETATEN_TARGETS)
  api!: SimTarget;

  @ApiProperty({
    enum: CONCURRENCY_SCOPES,
    description: 'consumer: per municipality; client: per Maskinporten client (the platform)',
  })
  @IsIn(CONCURRENCY_SCOPES)
  scope!: ConcurrencyScope;
}

@ApiTags('simulator control')
@Controller('_sim/concurrency')
export class ConcurrencyControlController {
  constructor(private readonly gate: ConcurrencyGate) {}

  @Get()
  scopes(): Record<string, ConcurrencyScope> {
    return Object.fromEntries(SKATTEETATEN_TARGETS.map((api) => [api, this.gate.scopeOf(api)]));
  }

  @Put()
  setScope(@Body() body: SetConcurrencyScopeDto): Record<string, ConcurrencyScope> {
    this.gate.setScope(body.api, body.scope);
    return this.scopes();
  }
}
