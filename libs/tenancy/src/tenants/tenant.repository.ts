import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { scoped, TenantEntity, TenantSuspensionEntity } from '#database';

/** Tenants and their suspensions. Writes take the transaction's manager (see PolicyStateWriter). */
@Injectable()
export class TenantRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<TenantEntity[]> {
    return this.dataSource.getRepository(TenantEntity).find({ order: { orgnr: 'ASC' } });
  }

  find(orgnr: string, manager: EntityManager = this.dataSource.manager): Promise<TenantEntity | null> {
    return manager.getRepository(TenantEntity).findOne({ where: { orgnr: scoped(orgnr) } });
  }

  /** The tenant row, locked until the transaction ends, so concurrent actions apply one after the other. */
  findForUpdate(manager: EntityManager, orgnr: string): Promise<TenantEntity | null> {
    return manager
      .getRepository(TenantEntity)
      .findOne({ where: { orgnr: scoped(orgnr) }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    manager: EntityManager,
    values: Pick<TenantEntity, 'orgnr' | 'name' | 'municipalityNumber' | 'contacts'>,
  ): Promise<TenantEntity> {
    const repository = manager.getRepository(TenantEntity);
    await repository.insert({ ...values, orgnr: scoped(values.orgnr), status: 'active' });
    return repository.findOneOrFail({ where: { orgnr: values.orgnr } });
  }

  async update(
    manager: EntityManager,
    orgnr: string,
    values: Partial<
      Pick<TenantEntity, 'name' | 'contacts' | 'ratePerMinute' | 'status' | 'successorOrgnr' | 'succeededAt'>
    >,
  ): Promise<TenantEntity> {
    const repository = manager.getRepository(TenantEntity);
    await repository.update({ orgnr: scoped(orgnr) }, values);
    return repository.findOneOrFail({ where: { orgnr } });
  }

  /** Suspensions in force, oldest first. */
  activeSuspensions(
    orgnr: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TenantSuspensionEntity[]> {
    return manager
      .getRepository(TenantSuspensionEntity)
      .find({ where: { tenantOrgnr: scoped(orgnr), liftedAt: IsNull() }, order: { suspendedAt: 'ASC' } });
  }

  /** Suspensions in force for many tenants at once (for lists). */
  async activeSuspensionsOfAll(): Promise<TenantSuspensionEntity[]> {
    return this.dataSource.getRepository(TenantSuspensionEntity).find({ where: { liftedAt: IsNull() } });
  }

  async suspend(
    manager: EntityManager,
    orgnr: string,
    apis: ReadonlyArray<string | null>,
    reason: string,
    by: string,
    incidentId: string | null = null,
  ): Promise<void> {
    const rows = apis.map((api) => ({ tenantOrgnr: scoped(orgnr), api, reason, suspendedBy: by, incidentId }));
    if (rows.length > 0) await manager.getRepository(TenantSuspensionEntity).insert(rows);
  }

  /** Lifts the given suspensions in force (by id); returns how many were lifted. */
  async lift(
    manager: EntityManager,
    orgnr: string,
    ids: readonly string[],
    reason: string,
    by: string,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .update(TenantSuspensionEntity)
      .set({ liftedAt: () => 'now()', liftedBy: by, liftReason: reason })
      .where('tenant_orgnr = :orgnr AND lifted_at IS NULL AND id IN (:...ids)', { orgnr: scoped(orgnr), ids })
      .execute();
    return result.affected ?? 0;
  }
}
