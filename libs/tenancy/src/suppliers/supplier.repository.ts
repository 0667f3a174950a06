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

  remove(tenantOrgnr: string, supplierOrgnr: string, manager: EntityManager): Promise<number> {
    return this.delete(tenantOrgnr, { supplierOrgnr }, manager);
  }
}
