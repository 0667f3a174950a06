import { Injectable } from '@nestjs/common';
import { DomainError, Orgnr } from '#core';
import { type ActingOperator, type IncidentLink, OperatorActionLog } from '../operator-action-log.js';
import { PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { isUniqueViolation } from '#database';
import { TenantService } from '../tenants/tenant.service.js';
import { type AddSupplierDto, type SupplierView, toSupplierView } from './supplier.dto.js';
import { SupplierRepository } from './supplier.repository.js';

/** Vendors allowed to call for a municipality; removing one stops its calls (policy: supplier-not-registered). */
@Injectable()
export class SupplierService {
  constructor(
    private readonly suppliers: SupplierRepository,
    private readonly tenants: TenantService,
    private readonly writer: PolicyStateWriter,
    private readonly actions: OperatorActionLog,
  ) {}

  async add(orgnrParam: string, dto: AddSupplierDto, actor: ActingOperator): Promise<SupplierView> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    const supplierOrgnr = Orgnr.parse(dto.orgnr).value;
    if (supplierOrgnr === tenant.orgnr)
      throw new DomainError('invalid-request', 'A municipality is not its own supplier');
    let view: SupplierView;
    try {
      view = await this.writer.write(tenant.orgnr, async (manager) => {
        const added = toSupplierView(
          await this.suppliers.insert(tenant.orgnr, { supplierOrgnr, name: dto.name }, manager),
        );
        await this.actions.record(manager, {
          actor,
          operation: 'supplier.add',
          tenantOrgnr: tenant.orgnr,
          before: null,
          after: added,
        });
        return added;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('supplier-exists', `Supplier ${supplierOrgnr} is already registered for ${tenant.orgnr}`);
      throw error;
    }
    return view;
  }

  /** Removes the supplier; returns what was removed. */
  async remove(
    orgnrParam: string,
    supplierParam: string,
    actor: ActingOperator,
    link: IncidentLink = {},
  ): Promise<SupplierView> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    const supplierOrgnr = Orgnr.parse(supplierParam).value;
    return this.writer.write(
      tenant.orgnr,
      async (manager) => {
        const existing = await this.suppliers.find(tenant.orgnr, supplierOrgnr, manager);
        if (!existing)
          throw new DomainError(
            'supplier-not-found',
            `Supplier ${supplierOrgnr} is not registered for ${tenant.orgnr}`,
          );
        await this.suppliers.remove(tenant.orgnr, supplierOrgnr, manager);
        const before = toSupplierView(existing);
        await this.actions.record(manager, {
          actor,
          operation: 'supplier.remove',
          tenantOrgnr: tenant.orgnr,
          before,
          after: null,
          incidentId: link.incidentId,
        });
        return before;
      },
      link.manager,
    );
  }

  async list(orgnrParam: string): Promise<SupplierView[]> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    return (await this.suppliers.listForTenant(tenant.orgnr)).map(toSupplierView);
  }
}
