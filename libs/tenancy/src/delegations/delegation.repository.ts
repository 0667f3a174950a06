import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DelegationEntity, scoped } from '#database';

@Injectable()
export class DelegationRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  listForTenant(tenantOrgnr: string): Promise<DelegationEntity[]> {
    return this.dataSource
      .getRepository(DelegationEntity)
      .find({ where: { tenantOrgnr: scoped(tenantOrgnr) }, order: { api: 'ASC' } });
  }

  find(tenantOrgnr: string, id: string): Promise<DelegationEntity | null> {
    return this.dataSource.getRepository(DelegationEntity).findOne({ where: { tenantOrgnr: scoped(tenantOrgnr), id } });
  }

  /** Every delegation of tenants that still have access (for the periodic re-check). */
  listOfTenantsWithAccess(): Promise<DelegationEntity[]> {
    return this.dataSource
      .getRepository(DelegationEntity)
      .createQueryBuilder('delegation')
      .innerJoin('delegation.tenant', 'tenant')
      .where('tenant.status IN (:...statuses)', { statuses: ['active', 'suspended'] })
      .orderBy('delegation.tenant_orgnr')
      .getMany();
  }

  /** Records (or re-records) the delegation as pending a check. */
  async upsertPending(
    manager: EntityManager,
    tenantOrgnr: string,
    api: string,
    scope: string,
  ): Promise<DelegationEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(DelegationEntity)
      .values({ tenantOrgnr: scoped(tenantOrgnr), api, scope, status: 'pending' })
      .orUpdate(['scope', 'status', 'problem_code', 'mp_code'], ['tenant_orgnr', 'api'])
      .execute();
    return manager.getRepository(DelegationEntity).findOneOrFail({ where: { tenantOrgnr, api } });
  }

  async recordCheck(
    manager: EntityManager,
    tenantOrgnr: string,
    id: string,
    result: Pick<DelegationEntity, 'status' | 'problemCode' | 'mpCode'>,
  ): Promise<void> {
    await manager
      .getRepository(DelegationEntity)
      .update({ tenantOrgnr: scoped(tenantOrgnr), id }, { ...result, checkedAt: new Date() });
  }
}
