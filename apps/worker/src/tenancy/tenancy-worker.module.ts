import { Module } from '@nestjs/common';
import { MaskinportenModule } from '#maskinporten';
import { TenancyModule } from '#tenancy';
import { DeclarationForwardProcessor } from './declaration-forward.processor.js';
import { DelegationCheckProcessor } from './delegation-check.processor.js';
import { DelegationChecker } from './delegation-checker.js';
import { DocumentRetentionProcessor } from './document-retention.processor.js';

/** Onboarding jobs: forwarding declarations to the intake, checking delegations at Maskinporten, document retention. */
@Module({
  imports: [TenancyModule, MaskinportenModule.forRoot()],
  providers: [DeclarationForwardProcessor, DelegationCheckProcessor, DelegationChecker, DocumentRetentionProcessor],
})
export class TenancyWorkerModule {}
