import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { PolicyStateRepository } from '#tenancy';
import { RegistrationSender } from './registration-sender.js';
import { RegistrationRepository } from './registration.repository.js';
import { RegistrationService } from './registration.service.js';
import { SamordnetTrekkLedger } from './samordnet-trekk.ledger.js';
import { SamordnetTrekkRepository } from './samordnet-trekk.repository.js';
import { SendPolicy } from './send-policy.js';
import { VedleggRegistry } from './vedlegg.registry.js';
import { VedleggRepository } from './vedlegg.repository.js';

/** Durable, idempotent, audited registrations; needs UpstreamModule (global) and, for the sender, MaskinportenModule. */
@Module({
  imports: [AuditModule],
  providers: [
    RegistrationRepository,
    RegistrationService,
    RegistrationSender,
    SendPolicy,
    PolicyStateRepository,
    SamordnetTrekkRepository,
    SamordnetTrekkLedger,
    VedleggRepository,
    VedleggRegistry,
  ],
  exports: [RegistrationRepository, RegistrationService, RegistrationSender, SamordnetTrekkLedger, VedleggRegistry],
})
export class RegistrationsModule {}
