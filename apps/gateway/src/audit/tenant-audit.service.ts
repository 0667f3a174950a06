import { Injectable } from '@nestjs/common';
import { type AuditPageQueryDto, AuditReader, toAuditPageRequest } from '../../../../libs/audit/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';
import { tenantOfCaller } from '../tenancy/tenant-of-caller.js';
import { type TenantAuditPageResponse, toTenantAuditPage } from './tenant-audit.dto.js';

/**
 * The municipality's own audit log. A municipality's token sees all of the tenant's events; a
 * supplier acting for it (token with `supplier`) sees only the calls that supplier made.
 */
@Injectable()
export class TenantAuditService {
  constructor(private readonly reader: AuditReader) {}

  async list(orgnr: string, caller: Caller, query: AuditPageQueryDto): Promise<TenantAuditPageResponse> {
    const tenant = tenantOfCaller(orgnr, caller);
    const page = await this.reader.forTenant(tenant.value, { ...toAuditPageRequest(query), supplierOrgnr: caller.supplierOrgnr });
    return toTenantAuditPage(page);
  }
}
