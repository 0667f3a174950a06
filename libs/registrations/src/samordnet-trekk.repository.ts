import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SamordnetTrekkOppslagEntity, TenantScopedRepository } from '#database';
import type { SamordnetTrekkOppslag } from '#policy';

/** Each tenant's oppslag samordnet trekk outcomes, per debtor (keyed hash): the 2026 transition rule reads the latest. */
@Injectable()
export class SamordnetTrekkRepository extends TenantScopedRepository<SamordnetTrekkOppslagEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, SamordnetTrekkOppslagEntity);
  }

  async record(
    tenantOrgnr: string,
    subjectHash: string,
    harSamordnetTrekk: boolean,
    korrelasjonsid: string | undefined,
  ): Promise<void> {
    await this.insertRows(tenantOrgnr, [{ subjectHash, harSamordnetTrekk, korrelasjonsid: korrelasjonsid ?? null }]);
  }

  /** The tenant's latest outcome for the debtor, whatever its age (the policy judges the age). */
  async latest(tenantOrgnr: string, subjectHash: string): Promise<SamordnetTrekkOppslag | undefined> {
    const [row] = await this.findMany(tenantOrgnr, { where: { subjectHash }, order: { answeredAt: 'DESC' }, take: 1 });
    return row ? { harSamordnetTrekk: row.harSamordnetTrekk, at: row.answeredAt.toISOString() } : undefined;
  }
}
