import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, type Repository } from 'typeorm';
import { AuditExportEntity, type AuditExportStatus } from '#database';

const AUDIT_EXPORT_STATUSES: readonly AuditExportStatus[] = ['pending', 'running', 'done', 'failed'];

/** What the admin API shows of an export (never the entity, never the content inline). */
export class AuditExportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AUDIT_EXPORT_STATUSES }) status!: AuditExportStatus;
  @ApiProperty({ type: String, nullable: true, description: 'One tenant, or null: every tenant' }) tenant!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) to!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: Number, nullable: true }) eventCount!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the export file' }) sha256!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export function toAuditExportView(row: AuditExportEntity): AuditExportView {
  return {
    id: row.id,
    status: row.status,
    tenant: row.tenantOrgnr,
    from: row.fromTime?.toISOString() ?? null,
    to: row.toTime?.toISOString() ?? null,
    requestedBy: row.requestedBy,
    eventCount: row.eventCount,
    sha256: row.sha256,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export interface NewAuditExport {
  id: string;
  requestedBy: string;
  tenantOrgnr: string | null;
  fromTime: Date | null;
  toTime: Date | null;
}

/** All SQL on audit_exports. Exports span tenants (operator-only), so this is not tenant-scoped. */
@Injectable()
export class ExportRepository {
  private readonly repository: Repository<AuditExportEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(AuditExportEntity);
  }

  async create(values: NewAuditExport): Promise<AuditExportEntity> {
    return this.repository.save(this.repository.create({ ...values, status: 'pending' }));
  }

  /** The row without its (possibly large) content. */
  find(id: string): Promise<AuditExportEntity | null> {
    return this.repository.findOne({
      where: { id },
      select: {
        id: true,
        requestedBy: true,
        tenantOrgnr: true,
        fromTime: true,
        toTime: true,
        status: true,
        eventCount: true,
        sha256: true,
        error: true,
        createdAt: true,
        completedAt: true,
      },
    });
  }

  async content(id: string): Promise<string | null> {
    const row = await this.repository.findOne({ where: { id, status: 'done' }, select: { id: true, content: true } });
    return row?.content ?? null;
  }

  async markRunning(id: string): Promise<void> {
    await this.repository.update({ id }, { status: 'running', error: null });
  }

  async markDone(id: string, content: string, sha256: string, eventCount: number): Promise<void> {
    await this.repository.update(
      { id },
      { status: 'done', content, sha256, eventCount, error: null, completedAt: new Date() },
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.repository.update({ id }, { status: 'failed', error: error.slice(0, 500), completedAt: new Date() });
  }
}
