import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { TenantScopedRepository, TenantSuspensionEntity } from '#database';

/** Suspensions of a tenant (all APIs or one). Writes take the transaction's manager (see PolicyStateWriter). */
@Injectable()
export class TenantSuspensionRepository extends TenantScopedRepository<TenantSuspensionEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TenantSuspensionEntity);
  }

  /** Suspensions in force, oldest first. */
  inForce(orgnr: string, manager?: EntityManager): Promise<TenantSuspensionEntity[]> {
    return this.findMany(orgnr, { where: { liftedAt: IsNull() }, order: { suspendedAt: 'ASC' } }, manager);
  }

  /** Suspensions in force of every tenant at once, for the operator's list of tenants. */
  inForceOfAll(): Promise<TenantSuspensionEntity[]> {
    return this.acrossTenants().find({ where: { liftedAt: IsNull() } });
  }

  async suspend(
    orgnr: string,
    apis: ReadonlyArray<string | null>,
    suspension: { reason: string; by: string; incidentId: string | null },
    manager: EntityManager,
  ): Promise<void> {
    const { reason, by, incidentId } = suspension;
    await this.insertRows(
      orgnr,
      apis.map((api) => ({ api, reason, suspendedBy: by, incidentId })),
      { manager },
    );
  }

  /** Lifts the given suspensions in force (by id); returns how many were lifted. */
  async lift(
    orgnr: string,
    ids: readonly string[],
    lifting: { reason: string; by: string },
    manager: EntityManager,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    return this.update(
      orgnr,
      { liftedAt: IsNull(), id: In([...ids]) },
      { liftedAt: () => 'now()', liftedBy: lifting.by, liftReason: lifting.reason },
      manager,
    );
  }
}
