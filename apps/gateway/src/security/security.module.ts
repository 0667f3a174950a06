import { Global, Module } from '@nestjs/common';
import { RefusedTraffic } from './refused-traffic.js';
import { RefusedTrafficLimiter } from './refused-traffic.limiter.js';
import { SecurityLog } from './security-log.js';
import { SecurityLogRepository } from './security-log.repository.js';

/** Traffic refused before a tenant is established: the platform's security log and the per-source bound. Global for TenantGuard. */
@Global()
@Module({
  providers: [SecurityLogRepository, SecurityLog, RefusedTrafficLimiter, RefusedTraffic],
  exports: [RefusedTraffic, RefusedTrafficLimiter],
})
export class GatewaySecurityModule {}
