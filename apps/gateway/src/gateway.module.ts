import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import type { AppConfig } from '#core';
import { MaskinportenModule } from '#maskinporten';
import { RegistrationsModule } from '#registrations';
import { PlatformModule } from '#runtime';
import { UpstreamModule } from '#upstream';
import { TenancyModule } from '#tenancy';
import { AgreementController } from './agreement/agreement.controller.js';
import { TenantAgreement } from './agreement/tenant-agreement.js';
import { TenantAuditModule } from './tenant-audit-api/tenant-audit.module.js';
import { BodySubjects } from './tenant-api/data-subject.js';
import { RequestAudit } from './request-audit/request-audit.js';
import { GatewayPolicyModule } from './policy/policy.module.js';
import { GatewaySecurityModule } from './security/security.module.js';
import { PolicyStateReadiness } from './policy/policy-state.readiness.js';
import { ProxyService } from './tenant-api/proxy.service.js';
import { TenantApiController } from './tenant-api/tenant-api.controller.js';
import { SamordnetTrekkRecorder } from './tenant-api/samordnet-trekk-recorder.js';
import { TenantLimits } from './tenant-api/tenant-limits.js';
import { UploadBodyParser } from './tenant-api/upload-parser.js';
import { VedleggUploads } from './tenant-api/vedlegg-upload.js';

/** The tenant-facing API. */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot(config, 'gateway', [PolicyStateReadiness]),
        MaskinportenModule.forRoot(),
        TenantAuditModule,
        UpstreamModule,
        RegistrationsModule,
        AuditModule,
        GatewayPolicyModule,
        GatewaySecurityModule,
        TenancyModule,
      ],
      controllers: [TenantApiController, AgreementController],
      providers: [
        ProxyService,
        TenantLimits,
        RequestAudit,
        BodySubjects,
        SamordnetTrekkRecorder,
        UploadBodyParser,
        VedleggUploads,
        TenantAgreement,
      ],
    };
  }
}
