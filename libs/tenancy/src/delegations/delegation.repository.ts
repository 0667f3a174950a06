import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DelegationEntity, TenantScopedRepository } from '#database';

@Injectable()
export class DelegationRepository extends TenantScopedRepository<DelegationEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, DelegationEntity);
  }

  listForTenant(tenantOrgnr: string): Promise<DelegationEntity[]> {
    return this.findMany(tenantOrgnr, { order: { api: 'ASC' } });
  }

  find(tenantOrgnr: string, id: string): Promise<DelegationEntity | null> {
    return this.findOne(tenantOrgnr, { id });
  }

  /** Every delegation of tenants that still have access (the worker's periodic re-check spans tenants). */
  listOfTenantsWithAccess(): Promise<DelegationEntity[]> {
    return this.acrossTenants()
      .createQueryBuilder('delegation')
      .innerJoin('delegation.tenant', 'tenant')
      .where('tenant.status IN (:...statuses)', { statuses: ['active', 'suspended'] })
      .orderBy('delegation.tenant_orgnr')
      .getMany();
  }

  /** Records (or re-records) the delegation as pending a check. */
  async upsertPending(
    tenantOrgnr: string,
    delegation: { api: string; scope: string },
    manager: EntityManager,
  ): Promise<DelegationEntity> {
    await this.insertRows(tenantOrgnr, [{ ...delegation, status: 'pending' }], {
      manager,
      onConflict: { update: ['scope', 'status', 'problem_code', 'mp_code'], on: ['tenant_orgnr', 'api'] },
    });
    return (await this.findOne(tenantOrgnr, { api: delegation.api }, manager)) as DelegationEntity;
  }

  async recordCheck(
    tenantOrgnr: string,
    id: string,
    result: Pick<DelegationEntity, 'status' | 'problemCode' | 'mpCode'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.update(tenantOrgnr, { id }, { ...result, checkedAt: new Date() }, manager);
  }
}
