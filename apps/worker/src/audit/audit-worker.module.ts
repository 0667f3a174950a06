import { Module } from '@nestjs/common';
import { AuditSealModule } from '#audit';
import { AuditProcessor } from './audit.processor.js';

/** The worker's audit jobs: sealer, retention and exports. */
@Module({ imports: [AuditSealModule], providers: [AuditProcessor] })
export class AuditWorkerModule {}
