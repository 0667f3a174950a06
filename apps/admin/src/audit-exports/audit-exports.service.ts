import { Injectable } from '@nestjs/common';
import { AuditExporter, type AuditExportView, AuditSealer, AuditWriter, CheckpointSigner } from '#audit';
import { DomainError, isUuid } from '#core';
import { JobDispatcher } from '#queue';
import type { Operator } from '../auth/index.js';
import type { CreateAuditExportDto } from './audit-exports.dto.js';

/** Export requests, their status and download, the signing keys and seal-on-demand. Each export action is audited. */
@Injectable()
export class AuditExportsService {
  constructor(
    private readonly exporter: AuditExporter,
    private readonly sealer: AuditSealer,
    private readonly signer: CheckpointSigner,
    private readonly jobs: JobDispatcher,
    private readonly audit: AuditWriter,
  ) {}

  async request(body: CreateAuditExportDto, operator: Operator): Promise<AuditExportView> {
    const view = await this.exporter.request({
      tenant: body.tenant,
      from: body.from ? new Date(body.from) : undefined,
      to: body.to ? new Date(body.to) : undefined,
      requestedBy: operator.subject,
    });
    await this.record(operator, 'audit.export.request', view);
    await this.jobs.dispatch(
      'audit',
      'build-export',
      { exportId: view.id },
      { jobId: view.id, attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
    );
    return view;
  }

  async get(id: string): Promise<AuditExportView> {
    const view = isUuid(id) ? await this.exporter.find(id) : null;
    if (!view) throw new DomainError('audit-export-not-found', `No audit export ${id}`);
    return view;
  }

  async download(id: string, operator: Operator): Promise<{ view: AuditExportView; content: string }> {
    const view = await this.get(id);
    const content = view.status === 'done' ? await this.exporter.content(id) : null;
    if (content === null)
      throw new DomainError('audit-export-not-ready', `The export is ${view.status}`, {
        extensions: { status: view.status },
      });
    await this.record(operator, 'audit.export.download', view);
    return { view, content };
  }

  signingKeys(): { keys: object[] } {
    return this.signer.jwks();
  }

  /** Seals what is pending now (the worker also does this on its interval). */
  async sealNow(): Promise<{ sealed: number; checkpoints: number }> {
    const { sealed, checkpoints } = await this.sealer.sealAll();
    return { sealed, checkpoints };
  }

  private async record(operator: Operator, operation: string, view: AuditExportView): Promise<void> {
    await this.audit.record({
      kind: 'operator-action',
      tenantOrgnr: view.tenant,
      actor: { type: 'operator', id: operator.subject, role: operator.actingRole },
      operation,
      decision: 'allow',
      details: { exportId: view.id, from: view.from, to: view.to },
    });
  }
}
