import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantEntity, TenantScopedRepository } from '#database';

export type TenantChange = Partial<
  Pick<TenantEntity, 'name' | 'contacts' | 'ratePerMinute' | 'status' | 'successorOrgnr' | 'succeededAt'>
>;

/** The tenants themselves, scoped by their own orgnr. Writes take the transaction's manager (see PolicyStateWriter). */
@Injectable()
export class TenantRepository extends TenantScopedRepository<TenantEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TenantEntity, 'orgnr');
  }

  /** The operator's list of every tenant. */
  list(): Promise<TenantEntity[]> {
    return this.acrossTenants().find({ order: { orgnr: 'ASC' } });
  }

  find(orgnr: string, manager?: EntityManager): Promise<TenantEntity | null> {
    return this.findOne(orgnr, {}, manager);
  }

  /** The tenant row, locked until the transaction ends, so concurrent actions apply one after the other. */
  findForUpdate(orgnr: string, manager: EntityManager): Promise<TenantEntity | null> {
    return this.lockOne(orgnr, {}, manager);
  }

  async insert(
    orgnr: string,
    values: Pick<TenantEntity, 'name' | 'municipalityNumber' | 'contacts' | 'eligibilityOverride'>,
    manager: EntityManager,
  ): Promise<TenantEntity> {
    await this.insertRows(orgnr, [{ ...values, status: 'active' }], { manager });
    return (await this.findOne(orgnr, {}, manager)) as TenantEntity;
  }

  async change(orgnr: string, values: TenantChange, manager: EntityManager): Promise<TenantEntity> {
    await this.update(orgnr, {}, values, manager);
    return (await this.findOne(orgnr, {}, manager)) as TenantEntity;
  }
}
