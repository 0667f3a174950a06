import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { scoped, TenantSupplierEntity } from '#database';

@Injectable()
export class SupplierRepository {
  constructor(private readonly dataSource: DataSource) {}

  listForTenant(tenantOrgnr: string): Promise<TenantSupplierEntity[]> {
    return this.dataSource
      .getRepository(TenantSupplierEntity)
      .find({ where: { tenantOrgnr: scoped(tenantOrgnr) }, order: { supplierOrgnr: 'ASC' } });
  }

  find(
    tenantOrgnr: string,
    supplierOrgnr: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TenantSupplierEntity | null> {
    return manager
      .getRepository(TenantSupplierEntity)
      .findOne({ where: { tenantOrgnr: scoped(tenantOrgnr), supplierOrgnr } });
  }

  async insert(
    manager: EntityManager,
    tenantOrgnr: string,
    supplierOrgnr: string,
    name: string,
  ): Promise<TenantSupplierEntity> {
    await manager.getRepository(TenantSupplierEntity).insert({ tenantOrgnr: scoped(tenantOrgnr), supplierOrgnr, name });
    return manager.getRepository(TenantSupplierEntity).findOneOrFail({ where: { tenantOrgnr, supplierOrgnr } });
  }

  async delete(manager: EntityManager, tenantOrgnr: string, supplierOrgnr: string): Promise<number> {
    const result = await manager
      .getRepository(TenantSupplierEntity)
      .delete({ tenantOrgnr: scoped(tenantOrgnr), supplierOrgnr });
    return result.affected ?? 0;
  }
}
