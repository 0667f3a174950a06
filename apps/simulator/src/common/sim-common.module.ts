import { Global, Module } from '@nestjs/common';
import { FaultRegistry } from './faults.js';
import { RequestLog } from './request-log.js';

@Global()
@Module({ providers: [RequestLog, FaultRegistry], exports: [RequestLog, FaultRegistry] })
export class SimCommonModule {}
