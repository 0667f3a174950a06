import type {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { Orgnr } from '#core';

/** A programming error: a tenant table was reached without a tenant. */
export class TenantScopeError extends Error {
  constructor(given: unknown) {
    super(`A tenant-scoped query needs a valid tenant orgnr (got ${given === '' ? 'an empty string' : typeof given})`);
    this.name = 'TenantScopeError';
  }
}

/** The tenant orgnr a query is scoped by; refuses an empty or invalid one (TypeORM would drop `undefined` from a where). */
function checked(tenantOrgnr: unknown): string {
  if (typeof tenantOrgnr !== 'string' || !Orgnr.isValid(tenantOrgnr)) throw new TenantScopeError(tenantOrgnr);
  return tenantOrgnr;
}

/** True for a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } } | undefined)?.driverError?.code === '23505';
}

export interface ScopedFind<E> {
  where?: FindOptionsWhere<E>;
  order?: FindOptionsOrder<E>;
  take?: number;
}

/** What an insert does when a row with the same key exists: keep it, or update the given columns. */
export type OnConflict = 'ignore' | { update: string[]; on: string[] };

/** What tenant-scoped SQL must contain: the tenant's orgnr compared with $1, or (an INSERT) $1 as the first value. */
const SCOPED_SQL = /\b(?:tenant_)?orgnr\s*=\s*\$1\b|\bVALUES\s*\(\s*\$1\b/i;

type Values<E> = Omit<DeepPartial<E>, 'tenantOrgnr'>;

/**
 * The one way to reach a tenant-owned table (every table with a `tenant_orgnr` column, and `tenants`
 * itself). Every method takes the tenant's orgnr first and refuses an empty or invalid one before
 * any SQL runs, because TypeORM silently drops `undefined` from a `where` and would otherwise run
 * an unscoped query across all tenants; every method takes an optional EntityManager last, to run
 * inside a caller's transaction. The unscoped table is reachable only through `acrossTenants()`,
 * and each method using it is listed, with its reason, in test/foundation/tenant-scope.e2e-spec.ts.
 */
export abstract class TenantScopedRepository<E extends ObjectLiteral> {
  readonly #dataSource: DataSource;
  readonly #entity: EntityTarget<E>;
  readonly #property: string;
  #column?: string;

  /** `property`: the entity's tenant orgnr (`tenantOrgnr`; `orgnr` on the tenants table itself). */
  protected constructor(dataSource: DataSource, entity: EntityTarget<E>, property = 'tenantOrgnr') {
    this.#dataSource = dataSource;
    this.#entity = entity;
    this.#property = property;
  }

  /** The tenant column's SQL name (`tenant_orgnr`), read from the entity's metadata once. */
  protected get tenantColumn(): string {
    this.#column ??= this.#dataSource
      .getMetadata(this.#entity)
      .findColumnWithPropertyName(this.#property)?.databaseName;
    if (!this.#column) throw new Error(`the entity has no column ${this.#property}`);
    return this.#column;
  }

  /** Runs `work` in one transaction; pass its manager to the methods that should take part. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.#dataSource.transaction(work);
  }

  async findOne(tenantOrgnr: string, where: FindOptionsWhere<E>, manager?: EntityManager): Promise<E | null> {
    return this.#repository(manager).findOne({ where: this.#scope(tenantOrgnr, where) });
  }

  async findMany(tenantOrgnr: string, options: ScopedFind<E> = {}, manager?: EntityManager): Promise<E[]> {
    const { where, order, take } = options;
    return this.#repository(manager).find({ where: this.#scope(tenantOrgnr, where), order, take });
  }

  async count(tenantOrgnr: string, where: FindOptionsWhere<E> = {}, manager?: EntityManager): Promise<number> {
    return this.#repository(manager).count({ where: this.#scope(tenantOrgnr, where) });
  }

  /** Saves a new row of the tenant and returns it as stored. */
  async create(tenantOrgnr: string, values: Values<E>, manager?: EntityManager): Promise<E> {
    const repository = this.#repository(manager);
    return repository.save(repository.create({ ...values, [this.#property]: checked(tenantOrgnr) } as DeepPartial<E>));
  }

  /** Updates the tenant's rows matching `where`; returns how many changed. Values may be SQL (`() => 'now()'`). */
  async update(
    tenantOrgnr: string,
    where: FindOptionsWhere<E>,
    values: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<number> {
    const result = await this.#repository(manager).update(this.#scope(tenantOrgnr, where), values as never);
    return result.affected ?? 0;
  }

  /** Deletes the tenant's rows matching `where`; returns how many went. */
  async delete(tenantOrgnr: string, where: FindOptionsWhere<E>, manager?: EntityManager): Promise<number> {
    const result = await this.#repository(manager).delete(this.#scope(tenantOrgnr, where));
    return result.affected ?? 0;
  }

  /** The tenant's row matching `where`, locked until the transaction of `manager` ends. */
  protected async lockOne(tenantOrgnr: string, where: FindOptionsWhere<E>, manager: EntityManager): Promise<E | null> {
    return this.#repository(manager).findOne({
      where: this.#scope(tenantOrgnr, where),
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * A query on the tenant's rows. Add conditions with `andWhere` only: `where` would replace the
   * scope and `orWhere` widen it (the tenant-scope test refuses both in a scoped repository).
   */
  protected select(tenantOrgnr: string, alias: string, manager?: EntityManager): SelectQueryBuilder<E> {
    const scopeTenant = checked(tenantOrgnr);
    return this.#repository(manager)
      .createQueryBuilder(alias)
      .where(`${alias}.${this.#property} = :scopeTenant`, { scopeTenant });
  }

  /** Inserts rows of the tenant (the same tenant for all); returns how many were written. */
  protected async insertRows(
    tenantOrgnr: string,
    rows: ReadonlyArray<Values<E>>,
    options: { manager?: EntityManager; onConflict?: OnConflict } = {},
  ): Promise<number> {
    const tenant = checked(tenantOrgnr);
    if (rows.length === 0) return 0;
    const insert = this.#repository(options.manager)
      .createQueryBuilder()
      .insert()
      .values(rows.map((row) => ({ ...row, [this.#property]: tenant })) as never)
      .returning(`"${this.tenantColumn}"`);
    const { onConflict } = options;
    if (onConflict === 'ignore') insert.orIgnore();
    else if (onConflict) insert.orUpdate(onConflict.update, onConflict.on);
    const result = await insert.execute();
    return (result.raw as unknown[]).length;
  }

  /**
   * Raw SQL on the tenant's rows: `$1` is the tenant's orgnr, and the text must compare an orgnr
   * column with it (`tenant_orgnr = $1`, `t.orgnr = $1`) or insert it first (`VALUES ($1, …`), or it
   * is refused; `params` are `$2`, `$3`, …
   */
  protected async sql<T = unknown>(
    tenantOrgnr: string,
    text: string,
    params: readonly unknown[] = [],
    manager?: EntityManager,
  ): Promise<T> {
    const tenant = checked(tenantOrgnr);
    if (!SCOPED_SQL.test(text)) throw new Error('tenant-scoped SQL must compare the tenant orgnr with $1');
    return (manager ?? this.#dataSource.manager).query(text, [tenant, ...params]) as Promise<T>;
  }

  /**
   * The table without the tenant scope: only for the operator's views and the platform's jobs that
   * span tenants. Each method calling this is listed with its reason in the tenant-scope test.
   */
  protected acrossTenants(manager?: EntityManager): Repository<E> {
    return this.#repository(manager);
  }

  #repository(manager: EntityManager = this.#dataSource.manager): Repository<E> {
    return manager.getRepository(this.#entity);
  }

  #scope(tenantOrgnr: string, where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return { ...where, [this.#property]: checked(tenantOrgnr) } as FindOptionsWhere<E>;
  }
}
