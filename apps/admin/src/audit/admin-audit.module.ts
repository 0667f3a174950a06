import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { AdminAuditController } from './admin-audit.controller.js';
import { AdminAuditService } from './admin-audit.service.js';

/** GET /admin/v1/audit for auditors. */
@Module({
  imports: [AuditModule],
  controllers: [AdminAuditController],
  providers: [AdminAuditService],
})
export class AdminAuditModule {}
