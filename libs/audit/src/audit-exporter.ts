import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError, Orgnr } from '#core';
import { CheckpointSigner } from './checkpoint-signer.js';
import { type ExportSectionContent, renderExport } from './export-format.js';
import { type AuditExportView, ExportRepository, toAuditExportView } from './export.repository.js';
import { AuditSealer } from './sealer.js';
import { SealRepository } from './seal.repository.js';

export interface ExportRequest {
  tenant?: string;
  from?: Date;
  to?: Date;
  requestedBy: string;
}

/** Creates export requests (admin) and builds their content (worker job). */
@Injectable()
export class AuditExporter {
  private readonly logger = new Logger('AuditExporter');

  constructor(
    private readonly exports: ExportRepository,
    private readonly seals: SealRepository,
    private readonly sealer: AuditSealer,
    private readonly signer: CheckpointSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records a pending export; the caller dispatches the job that builds it. */
  async request(request: ExportRequest): Promise<AuditExportView> {
    if (request.tenant !== undefined && !Orgnr.isValid(request.tenant))
      throw new DomainError('invalid-orgnr', 'tenant must be a valid organisation number');
    if (request.from && request.to && request.from >= request.to)
      throw new DomainError('invalid-request', '"from" must be before "to"');
    const row = await this.exports.create({
      id: randomUUID(),
      requestedBy: request.requestedBy,
      tenantOrgnr: request.tenant ?? null,
      fromTime: request.from ?? null,
      toTime: request.to ?? null,
    });
    return toAuditExportView(row);
  }

  async find(id: string): Promise<AuditExportView | null> {
    const row = await this.exports.find(id);
    return row ? toAuditExportView(row) : null;
  }

  async content(id: string): Promise<string | null> {
    return this.exports.content(id);
  }

  /** The worker job: seals what is pending, then writes the signed JSONL into the export row. */
  async build(id: string): Promise<void> {
    const row = await this.exports.find(id);
    if (!row || row.status === 'done') return;
    await this.exports.markRunning(id);
    try {
      await this.sealer.sealAll();
      const filter = {
        tenant: row.tenantOrgnr,
        from: row.fromTime?.toISOString() ?? null,
        to: row.toTime?.toISOString() ?? null,
      };
      const ranges = await this.seals.exportRanges(row.tenantOrgnr, row.fromTime, row.toTime);
      const total = ranges.reduce((sum, range) => sum + (range.toSeq - range.fromSeq + 1), 0);
      if (total > this.config.audit.sealing.exportMaxEvents) {
        // Retrying cannot help: fail for good and say how to narrow it.
        await this.exports.markFailed(
          id,
          `the export would hold ${total} events, more than AUDIT_EXPORT_MAX_EVENTS (${this.config.audit.sealing.exportMaxEvents}); narrow it by tenant or time`,
        );
        return;
      }
      const sections: ExportSectionContent[] = [];
      for (const range of ranges) {
        // The section must end with a signed checkpoint at its last seq: sign one there if none exists.
        await this.sealer.ensureCheckpoint(range.chain, range.toSeq);
        sections.push(await this.seals.section(range.chain, range.fromSeq, range.toSeq));
      }
      const content = await renderExport(
        { exportId: id, createdAt: new Date().toISOString(), filter },
        sections,
        this.signer,
      );
      const sha256 = createHash('sha256').update(content, 'utf8').digest('hex');
      await this.exports.markDone(
        id,
        content,
        sha256,
        sections.reduce((sum, section) => sum + section.events.length, 0),
      );
    } catch (error) {
      this.logger.warn({ exportId: id, reason: (error as Error).message }, 'audit export failed');
      await this.exports.markFailed(id, (error as Error).message);
      throw error;
    }
  }
}
