import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/** A software vendor allowed to call the gateway for the municipality (token `supplier`). */
@Entity({ name: 'tenant_suppliers' })
export class TenantSupplierEntity {
  @PrimaryColumn({ name: 'tenant_orgnr', type: 'char', length: 9, primaryKeyConstraintName: 'PK_tenant_suppliers' })
  tenantOrgnr: string;

  @PrimaryColumn({ name: 'supplier_orgnr', type: 'char', length: 9, primaryKeyConstraintName: 'PK_tenant_suppliers' })
  supplierOrgnr: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tenant_orgnr',
    referencedColumnName: 'orgnr',
    foreignKeyConstraintName: 'FK_tenant_suppliers_tenant',
  })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
