import type { DeepPartial, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { Orgnr } from '#core';

/** A programming error: a tenant table was reached without a tenant. */
export class TenantScopeError extends Error {
  constructor(given: unknown) {
    super(`A tenant-scoped query needs a valid tenant orgnr (got ${given === '' ? 'an empty string' : typeof given})`);
    this.name = 'TenantScopeError';
  }
}

/** The tenant orgnr a query on a tenant-owned table is scoped by; refuses an empty or invalid one. */
export function scoped(tenantOrgnr: string): string {
  if (typeof tenantOrgnr !== 'string' || !Orgnr.isValid(tenantOrgnr)) throw new TenantScopeError(tenantOrgnr);
  return tenantOrgnr;
}

/** True for a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } } | undefined)?.driverError?.code === '23505';
}

/**
 * Base for repositories of tenant-owned tables. Every method takes the tenant's orgnr first and
 * refuses an empty or invalid one, because TypeORM silently drops `undefined` from a `where` and
 * would otherwise run an unscoped query across all tenants.
 */
export abstract class TenantScopedRepository<E extends ObjectLiteral & { tenantOrgnr: string }> {
  protected constructor(protected readonly repository: Repository<E>) {}

  protected scope(tenantOrgnr: string, where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return { ...where, tenantOrgnr: scoped(tenantOrgnr) } as FindOptionsWhere<E>;
  }

  async findOne(tenantOrgnr: string, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.repository.findOne({ where: this.scope(tenantOrgnr, where) });
  }

  async find(
    tenantOrgnr: string,
    where: FindOptionsWhere<E> = {},
    order?: FindOptionsOrder<E>,
    take?: number,
  ): Promise<E[]> {
    return this.repository.find({ where: this.scope(tenantOrgnr, where), order, take });
  }

  async count(tenantOrgnr: string, where: FindOptionsWhere<E> = {}): Promise<number> {
    return this.repository.count({ where: this.scope(tenantOrgnr, where) });
  }

  async create(tenantOrgnr: string, values: Omit<DeepPartial<E>, 'tenantOrgnr'>): Promise<E> {
    this.scope(tenantOrgnr);
    return this.repository.save(this.repository.create({ ...values, tenantOrgnr } as DeepPartial<E>));
  }

  /** Updates the tenant's rows matching `where`; returns how many changed. */
  async update(tenantOrgnr: string, where: FindOptionsWhere<E>, values: Partial<E>): Promise<number> {
    const result = await this.repository.update(this.scope(tenantOrgnr, where), values as never);
    return result.affected ?? 0;
  }
}
