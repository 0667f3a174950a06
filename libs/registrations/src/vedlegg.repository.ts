import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { TenantScopedRepository, VedleggEntity } from '#database';

/** What the platform keeps of an upload: never its content. */
export interface VedleggRecord {
  uuid: string;
  sha256: string;
  bytes: number;
  callerOrgnr: string;
  korrelasjonsid?: string;
}

/** Each tenant's uploaded decision documents (vedlegg), by Skatteetaten's uuid. */
@Injectable()
export class VedleggRepository extends TenantScopedRepository<VedleggEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, VedleggEntity);
  }

  async record(tenantOrgnr: string, record: VedleggRecord): Promise<void> {
    await this.create(tenantOrgnr, { ...record, korrelasjonsid: record.korrelasjonsid ?? null });
  }

  /** Which of `uuids` this tenant uploaded at or after `since`. */
  async uploaded(tenantOrgnr: string, uuids: string[], since: Date): Promise<Set<string>> {
    if (uuids.length === 0) return new Set();
    const rows = await this.findMany(tenantOrgnr, { where: { uuid: In(uuids), uploadedAt: MoreThanOrEqual(since) } });
    return new Set(rows.map((row) => row.uuid));
  }

  /** Retention, for every tenant at once: deletes uploads older than `cutoff`; returns how many. */
  async deleteUploadedBefore(cutoff: Date): Promise<number> {
    const result = await this.acrossTenants().delete({ uploadedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
