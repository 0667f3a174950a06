import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { isUuid } from '#core';
import { DeclarationEntity, scoped } from '#database';

@Injectable()
export class DeclarationRepository {
  constructor(private readonly dataSource: DataSource) {}

  listForTenant(tenantOrgnr: string): Promise<DeclarationEntity[]> {
    return this.dataSource
      .getRepository(DeclarationEntity)
      .find({ where: { tenantOrgnr: scoped(tenantOrgnr) }, order: { createdAt: 'ASC' } });
  }

  /** The operator's queue across tenants: declarations in the given states, oldest first. */
  listInStates(statuses: readonly DeclarationEntity['status'][], limit: number): Promise<DeclarationEntity[]> {
    return this.dataSource
      .getRepository(DeclarationEntity)
      .find({ where: { status: In([...statuses]) }, order: { createdAt: 'ASC' }, take: limit });
  }

  /** The operator's view across tenants: a declaration by its id (null for a malformed id). */
  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<DeclarationEntity | null> {
    if (!isUuid(id)) return null;
    return manager.getRepository(DeclarationEntity).findOne({ where: { id } });
  }

  async findForUpdate(manager: EntityManager, id: string): Promise<DeclarationEntity | null> {
    if (!isUuid(id)) return null;
    return manager.getRepository(DeclarationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    manager: EntityManager,
    values: Omit<DeclarationEntity, 'id' | 'createdAt' | 'updatedAt' | 'tenant' | 'terms'>,
  ): Promise<DeclarationEntity> {
    const repository = manager.getRepository(DeclarationEntity);
    const result = await repository.insert({ ...values, tenantOrgnr: scoped(values.tenantOrgnr) });
    return repository.findOneOrFail({ where: { id: String(result.identifiers[0].id) } });
  }

  /** Terminates every declaration of the tenant that is not final yet (with the tenant's termination). */
  async terminateOpen(manager: EntityManager, tenantOrgnr: string, reason: string): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(DeclarationEntity)
      .set({ status: 'terminated', statusReason: reason, terminatedAt: () => 'now()', forwardStatus: null })
      .where("tenant_orgnr = :tenantOrgnr AND status NOT IN ('rejected', 'terminated')", {
        tenantOrgnr: scoped(tenantOrgnr),
      })
      .execute();
    return result.affected ?? 0;
  }

  async update(manager: EntityManager, id: string, values: Partial<DeclarationEntity>): Promise<DeclarationEntity> {
    const repository = manager.getRepository(DeclarationEntity);
    await repository.update({ id }, values);
    return repository.findOneOrFail({ where: { id } });
  }
}
