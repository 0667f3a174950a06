import { Injectable } from '@nestjs/common';
import { RefusedTrafficLimiter } from './refused-traffic.limiter.js';
import { SecurityLog } from './security-log.js';

/** A tenant-route answer given before any tenant was established: into the security log, and against its source's bound. */
@Injectable()
export class RefusedTraffic {
  constructor(
    private readonly log: SecurityLog,
    private readonly limiter: RefusedTrafficLimiter,
  ) {}

  record(source: string, status: number, code: string | undefined): void {
    this.log.record(source, code ?? `http-${status}`);
    // The caller's fault counts against its address; our own failures (5xx) do not.
    if (status >= 400 && status < 500) this.limiter.hit(source);
  }
}
