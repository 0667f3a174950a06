import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { isUuid } from '#core';
import { DeclarationEntity, TenantScopedRepository } from '#database';

export type NewDeclaration = Omit<
  DeclarationEntity,
  'id' | 'tenantOrgnr' | 'createdAt' | 'updatedAt' | 'tenant' | 'terms'
>;

@Injectable()
export class DeclarationRepository extends TenantScopedRepository<DeclarationEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, DeclarationEntity);
  }

  listForTenant(tenantOrgnr: string): Promise<DeclarationEntity[]> {
    return this.findMany(tenantOrgnr, { order: { createdAt: 'ASC' } });
  }

  /** The operator's queue across tenants: declarations in the given states, oldest first. */
  listInStates(statuses: readonly DeclarationEntity['status'][], limit: number): Promise<DeclarationEntity[]> {
    return this.acrossTenants().find({
      where: { status: In([...statuses]) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  /**
   * The operator's view across tenants: a declaration by its id alone (null for a malformed id), as
   * the admin API's /declarations/{id} routes name it; what follows is scoped by its tenant.
   */
  async findById(id: string): Promise<DeclarationEntity | null> {
    if (!isUuid(id)) return null;
    return this.acrossTenants().findOne({ where: { id } });
  }

  async findForUpdate(tenantOrgnr: string, id: string, manager: EntityManager): Promise<DeclarationEntity | null> {
    if (!isUuid(id)) return null;
    return this.lockOne(tenantOrgnr, { id }, manager);
  }

  async insert(tenantOrgnr: string, values: NewDeclaration, manager: EntityManager): Promise<DeclarationEntity> {
    // Read back as stored: the database fills in its defaults (timestamps).
    const { id } = await this.create(tenantOrgnr, values, manager);
    return (await this.findOne(tenantOrgnr, { id }, manager)) as DeclarationEntity;
  }

  /** Terminates every declaration of the tenant that is not final yet (with the tenant's termination). */
  terminateOpen(tenantOrgnr: string, reason: string, manager: EntityManager): Promise<number> {
    return this.update(
      tenantOrgnr,
      { status: Not(In(['rejected', 'terminated'])) },
      { status: 'terminated', statusReason: reason, terminatedAt: () => 'now()', forwardStatus: null },
      manager,
    );
  }

  /** A merger: the tenant's declarations not yet final become the successor's; returns their ids. */
  async moveOpenTo(tenantOrgnr: string, successorOrgnr: string, manager: EntityManager): Promise<string[]> {
    const open = await this.findMany(tenantOrgnr, { where: { status: Not(In(['rejected', 'terminated'])) } }, manager);
    const ids = open.map((declaration) => declaration.id);
    if (ids.length > 0) await this.update(tenantOrgnr, { id: In(ids) }, { tenantOrgnr: successorOrgnr }, manager);
    return ids;
  }

  async change(
    tenantOrgnr: string,
    id: string,
    values: Partial<DeclarationEntity>,
    manager: EntityManager,
  ): Promise<DeclarationEntity> {
    await this.update(tenantOrgnr, { id }, values, manager);
    return (await this.findOne(tenantOrgnr, { id }, manager)) as DeclarationEntity;
  }
}
