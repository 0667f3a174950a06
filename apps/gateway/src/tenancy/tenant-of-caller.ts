import { DomainError, Orgnr } from '../../../../libs/core/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';

/**
 * The tenant of a tenant-prefixed route: the path's orgnr, which must be the verified token's
 * consumer. A supplier acting for the municipality holds a token whose consumer is the
 * municipality and whose `supplier` is itself; whether that supplier is registered is policy.
 */
export function tenantOfCaller(orgnr: string, caller: Caller): Orgnr {
  const tenant = Orgnr.parse(orgnr);
  if (caller.consumerOrgnr !== tenant.value) {
    throw new DomainError('tenant-mismatch', 'The token was issued for another organisation than the one in the path');
  }
  return tenant;
}
