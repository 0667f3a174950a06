import { Module } from '@nestjs/common';
import { AuditModule, AuditSealModule } from '#audit';
import { AuditExportsController } from './audit-exports.controller.js';
import { AuditExportsService } from './audit-exports.service.js';

/** Admin audit exports, signing keys and seal-on-demand (issue 7). */
@Module({
  imports: [AuditModule, AuditSealModule],
  controllers: [AuditExportsController],
  providers: [AuditExportsService],
})
export class AuditExportsModule {}
