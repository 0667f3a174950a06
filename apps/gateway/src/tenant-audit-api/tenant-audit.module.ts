import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { TenantAuditController } from './tenant-audit.controller.js';
import { TenantAuditService } from './tenant-audit.service.js';

/** GET /api/v1/{orgnr}/audit: a municipality reads its own audit log. */
@Module({
  imports: [AuditModule],
  controllers: [TenantAuditController],
  providers: [TenantAuditService],
})
export class TenantAuditModule {}
