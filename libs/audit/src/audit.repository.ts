import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditEventEntity, TenantScopedRepository } from '#database';

/** A row as the writer inserts it: everything but the database's own id and recorded_at. */
export type AuditEventRow = Omit<AuditEventEntity, 'id' | 'recordedAt'>;

/** Column name → row property, in table order; the INSERT is built from this list. */
const COLUMNS: Array<[string, keyof AuditEventRow]> = [
  ['occurred_at', 'occurredAt'],
  ['kind', 'kind'],
  ['tenant_orgnr', 'tenantOrgnr'],
  ['actor_type', 'actorType'],
  ['actor_id', 'actorId'],
  ['actor_role', 'actorRole'],
  ['supplier_orgnr', 'supplierOrgnr'],
  ['end_user', 'endUser'],
  ['operation', 'operation'],
  ['legal_basis', 'legalBasis'],
  ['purpose', 'purpose'],
  ['case_reference', 'caseReference'],
  ['decision', 'decision'],
  ['reason_code', 'reasonCode'],
  ['reasons', 'reasons'],
  ['policy_version', 'policyVersion'],
  ['subject_hash', 'subjectHash'],
  ['subject_key_id', 'subjectKeyId'],
  ['subject_encrypted', 'subjectEncrypted'],
  ['http_status', 'httpStatus'],
  ['upstream_status', 'upstreamStatus'],
  ['korrelasjonsid', 'korrelasjonsid'],
  ['correlation_id', 'correlationId'],
  ['bytes', 'bytes'],
  ['latency_ms', 'latencyMs'],
  ['incident_id', 'incidentId'],
  ['details', 'details'],
];
const JSONB = new Set<keyof AuditEventRow>(['reasons', 'details']);
const COLUMN_LIST = COLUMNS.map(([column]) => `"${column}"`).join(', ');

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
   * One multi-row INSERT: a single statement is a single transaction, committed when it returns.
   * Returns the new ids in the order of `rows` (PostgreSQL returns VALUES rows in order). With
   * `manager`, inside that transaction instead: the rows commit (or not) with the caller's change.
   * Across tenants: the writer's group commit holds the events of every tenant (and the platform's).
   */
  async insertMany(rows: AuditEventRow[], manager?: EntityManager): Promise<string[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = COLUMNS.map(([, property]) => {
        const value = row[property];
        params.push(JSONB.has(property) && value !== null ? JSON.stringify(value) : value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const result: Array<{ id: string }> = await this.acrossTenants(manager).query(
      `INSERT INTO "audit_events" (${COLUMN_LIST}) VALUES ${tuples.join(', ')} RETURNING "id"`,
      params,
    );
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
