import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SamordnetTrekkOppslagEntity, TenantScopedRepository } from '#database';
import type { SamordnetTrekkOppslag } from '#policy';

/** Each tenant's oppslag samordnet trekk outcomes, per debtor (keyed hash): the 2026 transition rule reads the latest. */
@Injectable()
export class SamordnetTrekkRepository extends TenantScopedRepository<SamordnetTrekkOppslagEntity> {
  constructor(@InjectRepository(SamordnetTrekkOppslagEntity) repository: Repository<SamordnetTrekkOppslagEntity>) {
    super(repository);
  }

  async record(
    tenantOrgnr: string,
    subjectHash: string,
    harSamordnetTrekk: boolean,
    korrelasjonsid: string | undefined,
  ): Promise<void> {
    await this.create(tenantOrgnr, { subjectHash, harSamordnetTrekk, korrelasjonsid: korrelasjonsid ?? null });
  }

  /** The tenant's latest outcome for the debtor, whatever its age (the policy judges the age). */
  async latest(tenantOrgnr: string, subjectHash: string): Promise<SamordnetTrekkOppslag | undefined> {
    const [row] = await this.find(tenantOrgnr, { subjectHash }, { answeredAt: 'DESC' }, 1);
    return row ? { harSamordnetTrekk: row.harSamordnetTrekk, at: row.answeredAt.toISOString() } : undefined;
  }
}
