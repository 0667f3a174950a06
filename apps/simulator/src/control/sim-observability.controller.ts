import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '#core';
import { type Fault, FaultRegistry } from '../common/faults.js';
import { type LoggedRequest, RequestLog, type SimTarget } from '../common/request-log.js';
import { AddFaultDto, SIM_TARGETS } from './sim-observability.dto.js';

/** What the simulator received (GET/DELETE /_sim/requests) and the faults it injects (/_sim/faults), DESIGN §10. */
@ApiTags('simulator control')
@Controller('_sim')
export class SimObservabilityController {
  constructor(
    private readonly log: RequestLog,
    private readonly faults: FaultRegistry,
  ) {}

  @Get('requests')
  requests(@Query('target') target?: string): LoggedRequest[] {
    if (target !== undefined && !SIM_TARGETS.includes(target as SimTarget))
      throw new DomainError('invalid-request', `target must be one of ${SIM_TARGETS.join(', ')}`);
    return this.log.list(target as SimTarget | undefined);
  }

  @Delete('requests')
  @HttpCode(204)
  clearRequests(): void {
    this.log.clear();
  }

  @Post('faults')
  @HttpCode(201)
  addFault(@Body() body: AddFaultDto): Fault {
    if ((body.mode === 'latency' || body.mode === 'delay-answer') && body.ms === undefined)
      throw new DomainError('invalid-request', `a ${body.mode} fault needs ms`);
    if (body.mode === 'status' && body.status === undefined)
      throw new DomainError('invalid-request', 'a status fault needs status');
    const fault: Fault = {
      target: body.target,
      mode: body.mode,
      ms: body.ms,
      status: body.status,
      kode: body.kode,
      count: body.count,
    };
    this.faults.add(fault);
    return fault;
  }

  @Get('faults')
  list(): Fault[] {
    return this.faults.list();
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }
}
