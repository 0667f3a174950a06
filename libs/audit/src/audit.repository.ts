import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditEventEntity, TenantScopedRepository } from '#database';

/**
 * A row as the writer inserts it: everything but the database's own id and recorded_at, with the
 * jsonb columns already serialized (the writer validates an event by serializing it).
 */
export type AuditEventRow = Omit<AuditEventEntity, 'id' | 'recordedAt' | 'reasons' | 'details'> & {
  reasons: string | null;
  details: string | null;
};

/** Column name → row property → its SQL type, in table order; the INSERT is built from this list. */
const COLUMNS: Array<[string, keyof AuditEventRow, string]> = [
  ['occurred_at', 'occurredAt', 'timestamptz'],
  ['kind', 'kind', 'text'],
  ['tenant_orgnr', 'tenantOrgnr', 'bpchar'],
  ['actor_type', 'actorType', 'text'],
  ['actor_id', 'actorId', 'text'],
  ['actor_role', 'actorRole', 'text'],
  ['supplier_orgnr', 'supplierOrgnr', 'bpchar'],
  ['end_user', 'endUser', 'text'],
  ['operation', 'operation', 'text'],
  ['legal_basis', 'legalBasis', 'text'],
  ['purpose', 'purpose', 'text'],
  ['case_reference', 'caseReference', 'text'],
  ['decision', 'decision', 'text'],
  ['reason_code', 'reasonCode', 'text'],
  ['reasons', 'reasons', 'jsonb'],
  ['policy_version', 'policyVersion', 'text'],
  ['subject_hash', 'subjectHash', 'text'],
  ['subject_key_id', 'subjectKeyId', 'text'],
  ['subject_encrypted', 'subjectEncrypted', 'text'],
  ['http_status', 'httpStatus', 'integer'],
  ['upstream_status', 'upstreamStatus', 'integer'],
  ['korrelasjonsid', 'korrelasjonsid', 'text'],
  ['correlation_id', 'correlationId', 'text'],
  ['bytes', 'bytes', 'bigint'],
  ['latency_ms', 'latencyMs', 'integer'],
  ['incident_id', 'incidentId', 'text'],
  ['details', 'details', 'jsonb'],
];

/**
 * One text for every batch size (one array per column), so each connection parses and plans it
 * once, as a named prepared statement. unnest yields the rows in array order, the identity
 * values are drawn in that order, and RETURNING follows it: the ids come back in row order.
 */
const INSERT: Readonly<{ name: string; text: string }> = {
  name: 'audit_events_insert',
  text: `INSERT INTO "audit_events" (${COLUMNS.map(([column]) => `"${column}"`).join(', ')})
    SELECT * FROM unnest(${COLUMNS.map(([, , type], index) => `$${index + 1}::${type}[]`).join(', ')}) RETURNING "id"`,
};

/** The pg client calls this file needs (TypeORM's `query` cannot name a prepared statement). */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<{ id: string }> }>;
}
interface PgDriver {
  obtainMasterConnection(): Promise<[PgClient, () => void]>;
}

/** Runs the named INSERT on the transaction's own connection, or on a pooled one for its own transaction. */
async function runInsert(manager: EntityManager, values: unknown[]): Promise<Array<{ id: string }>> {
  const statement = { ...INSERT, values };
  if (manager.queryRunner) {
    const client = (await manager.queryRunner.connect()) as PgClient;
    return (await client.query(statement)).rows;
  }
  const [client, release] = await (manager.connection.driver as unknown as PgDriver).obtainMasterConnection();
  try {
    return (await client.query(statement)).rows;
  } finally {
    release();
  }
}

export interface AuditPageQuery {
  /** Only events with a smaller id (the previous page's last one); newest first. */
  beforeId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
}

export interface AuditSearchQuery extends AuditPageQuery {
  tenantOrgnr?: string;
  caseReference?: string;
  /** The subject's hash under every key; matches any. */
  subjectHashes?: string[];
  supplierOrgnr?: string;
}

/** All SQL on audit_events. There is no update or delete here: the table is append-only. */
@Injectable()
export class AuditRepository extends TenantScopedRepository<AuditEventEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, AuditEventEntity);
  }

  /**
   * One INSERT of all `rows`: a single statement is a single transaction, committed when it returns.
   * Returns the new ids in the order of `rows`. With `manager`, inside that transaction instead: the
   * rows commit (or not) with the caller's change. Across tenants: the writer's group commit holds
   * the events of every tenant (and the platform's).
   */
  async insertMany(rows: AuditEventRow[], manager?: EntityManager): Promise<string[]> {
    if (rows.length === 0) return [];
    const values = COLUMNS.map(([, property]) => rows.map((row) => row[property]));
    const result = await runInsert(this.acrossTenants(manager).manager, values);
    return result.map((row) => String(row.id));
  }

  /** One tenant's events, newest first. */
  async pageForTenant(
    tenantOrgnr: string,
    query: AuditPageQuery & { supplierOrgnr?: string },
  ): Promise<AuditEventEntity[]> {
    return filtered(this.select(tenantOrgnr, 'e'), query);
  }

  /** The operator's search across tenants; every given filter (the tenant's too) narrows it. */
  search(query: AuditSearchQuery): Promise<AuditEventEntity[]> {
    const builder = this.acrossTenants().createQueryBuilder('e');
    if (query.tenantOrgnr !== undefined) builder.andWhere('e.tenantOrgnr = :tenant', { tenant: query.tenantOrgnr });
    return filtered(builder, query);
  }
}

function filtered(
  builder: SelectQueryBuilder<AuditEventEntity>,
  query: Omit<AuditSearchQuery, 'tenantOrgnr'>,
): Promise<AuditEventEntity[]> {
  if (query.supplierOrgnr !== undefined)
    builder.andWhere('e.supplierOrgnr = :supplier', { supplier: query.supplierOrgnr });
  if (query.caseReference !== undefined)
    builder.andWhere('e.caseReference = :caseReference', { caseReference: query.caseReference });
  if (query.subjectHashes?.length === 0) return Promise.resolve([]);
  if (query.subjectHashes !== undefined)
    builder.andWhere('e.subjectHash IN (:...hashes)', { hashes: query.subjectHashes });
  return page(builder, query);
}

function page(builder: SelectQueryBuilder<AuditEventEntity>, query: AuditPageQuery): Promise<AuditEventEntity[]> {
  if (query.beforeId !== undefined) builder.andWhere('e.id < :beforeId', { beforeId: query.beforeId });
  if (query.from !== undefined) builder.andWhere('e.occurredAt >= :from', { from: query.from });
  if (query.to !== undefined) builder.andWhere('e.occurredAt < :to', { to: query.to });
  return builder.orderBy('e.id', 'DESC').limit(query.limit).getMany();
}
