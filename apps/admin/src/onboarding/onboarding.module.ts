import { Module } from '@nestjs/common';
import { TenancyModule } from '#tenancy';
import { DeclarationsController } from './declarations.controller.js';
import { DelegationsController } from './delegations.controller.js';
import { SuppliersController } from './suppliers.controller.js';
import { TenantsController } from './tenants.controller.js';
import { TermsController } from './terms.controller.js';
import { TermsSignaturesController } from './terms-signatures.controller.js';

/** The onboarding routes of the admin API (issue 5). */
@Module({
  imports: [TenancyModule],
  controllers: [
    TenantsController,
    DeclarationsController,
    TermsController,
    TermsSignaturesController,
    DelegationsController,
    SuppliersController,
  ],
})
export class OnboardingModule {}
