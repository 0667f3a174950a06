import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantScopedRepository, TenantSupplierEntity } from '#database';

@Injectable()
export class SupplierRepository extends TenantScopedRepository<TenantSupplierEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TenantSupplierEntity);
  }

  listForTenant(tenantOrgnr: string): Promise<TenantSupplierEntity[]> {
    return this.findMany(tenantOrgnr, { order: { supplierOrgnr: 'ASC' } });
  }

  find(tenantOrgnr: string, supplierOrgnr: string, manager?: EntityManager): Promise<TenantSupplierEntity | null> {
    return this.findOne(tenantOrgnr, { supplierOrgnr }, manager);
  }

  async insert(
    tenantOrgnr: string,
    supplier: { supplierOrgnr: string; name: string },
    manager: EntityManager,
  ): Promise<TenantSupplierEntity> {
    await this.insertRows(tenantOrgnr, [supplier], { manager });
    return (await this.findOne(
      tenantOrgnr,
      { supplierOrgnr: supplier.supplierOrgnr },
      manager,
    )) as TenantSupplierEntity;
  }

  /** A merger: the tenant's suppliers become the successor's (one it has already stays); returns the moved orgnrs. */
  async moveTo(tenantOrgnr: string, successorOrgnr: string, manager: EntityManager): Promise<string[]> {
    const theirs = await this.findMany(tenantOrgnr, {}, manager);
    await this.insertRows(
      successorOrgnr,
      theirs.map(({ supplierOrgnr, name }) => ({ supplierOrgnr, name })),
      { manager, onConflict: 'ignore' },
    );
    await this.delete(tenantOrgnr, {}, manager);
    return theirs.map((row) => row.supplierOrgnr);
  }

  remove(tenantOrgnr: string, supplierOrgnr: string, manager: EntityManager): Promise<number> {
    return this.delete(tenantOrgnr, { supplierOrgnr }, manager);
  }
}
