import { Injectable } from '@nestjs/common';
import { type AuditPageQueryDto, AuditReader, toAuditPageRequest } from '#audit';
import type { EstablishedTenant } from '../tenancy/tenant-call.js';
import { type TenantAuditPageResponse, toTenantAuditPage } from './tenant-audit.dto.js';

/**
 * The municipality's own audit log, past TenantGuard (so not for a revoked supplier, nor after the
 * tenant's access ended; a suspended municipality still reads it). A municipality's token sees all
 * of the tenant's events; a supplier acting for it (token with `supplier`) sees only its own calls.
 */
@Injectable()
export class TenantAuditService {
  constructor(private readonly reader: AuditReader) {}

  async list({ tenant, caller }: EstablishedTenant, query: AuditPageQueryDto): Promise<TenantAuditPageResponse> {
    const page = await this.reader.forTenant(tenant.value, {
      ...toAuditPageRequest(query),
      supplierOrgnr: caller.supplierOrgnr,
    });
    return toTenantAuditPage(page);
  }
}
