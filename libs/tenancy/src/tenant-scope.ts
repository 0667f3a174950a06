import { Orgnr } from '../../core/src/index.js';
import { TenantScopeError } from '../../database/src/index.js';

/** Tenant-owned rows are reached only with a valid tenant orgnr (TypeORM drops undefined from a where). */
export function scoped(tenantOrgnr: string): string {
  if (typeof tenantOrgnr !== 'string' || !Orgnr.isValid(tenantOrgnr)) throw new TenantScopeError(tenantOrgnr);
  return tenantOrgnr;
}

/** True for a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } } | undefined)?.driverError?.code === '23505';
}
