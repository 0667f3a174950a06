import { Global, Module } from '@nestjs/common';
import { RegistrationsModule } from '#registrations';
import { PolicyStateRepository } from '#tenancy';
import { PolicyGate } from './policy-gate.js';
import { PolicyStateStore } from './policy-state.store.js';
import { TenantStatusController } from './tenant-status.controller.js';
import { TenantStatusService } from './tenant-status.service.js';

/** The gateway's policy: its in-process state, the gate every request passes, and /status. Global for the readiness check. */
@Global()
@Module({
  imports: [RegistrationsModule],
  controllers: [TenantStatusController],
  providers: [PolicyStateRepository, PolicyStateStore, PolicyGate, TenantStatusService],
  exports: [PolicyStateStore, PolicyGate],
})
export class GatewayPolicyModule {}
