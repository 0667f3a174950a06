import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
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

  /** The delegation locked until the transaction ends (its status before a check is recorded). */
  findForUpdate(tenantOrgnr: string, id: string, manager: EntityManager): Promise<DelegationEntity | null> {
    return this.lockOne(tenantOrgnr, { id }, manager);
  }

  /**
   * A merger: the tenant's delegations are recorded for the successor as pending (it must delegate
   * in Altinn itself, and the worker verifies); an API the successor has one for keeps it. Returns the new ones.
   */
  async copyAsPendingTo(
    tenantOrgnr: string,
    successorOrgnr: string,
    manager: EntityManager,
  ): Promise<Array<{ id: string; api: string }>> {
    const theirs = await this.findMany(tenantOrgnr, {}, manager);
    const existing = new Set((await this.findMany(successorOrgnr, {}, manager)).map((row) => row.api));
    const copied = theirs.filter((row) => !existing.has(row.api));
    if (copied.length === 0) return [];
    await this.insertRows(
      successorOrgnr,
      copied.map((row) => ({ api: row.api, scope: row.scope, status: 'pending' as const })),
      { manager, onConflict: 'ignore' },
    );
    const apis = copied.map((row) => row.api);
    return (await this.findMany(successorOrgnr, { where: { api: In(apis) } }, manager)).map(({ id, api }) => ({
      id,
      api,
    }));
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
