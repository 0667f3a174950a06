import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AffectedRequestRow {
  decision: 'allow' | 'deny';
  reasonCode: string | null;
  count: number;
}

/**
 * Counts the gateway requests of the affected tenants in the incident's window, from the audit
 * log (a read-only aggregate: no event, subject or detail leaves this query).
 */
@Injectable()
export class AffectedRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(tenants: readonly string[], from: Date, to: Date | null): Promise<AffectedRequestRow[]> {
    if (tenants.length === 0) return [];
    const rows: Array<{ decision: 'allow' | 'deny'; reasonCode: string | null; count: string }> =
      await this.dataSource.query(
        `SELECT decision, reason_code AS "reasonCode", count(*) AS count
         FROM audit_events
        WHERE kind = 'gateway-request' AND tenant_orgnr = ANY($1::bpchar[]) AND occurred_at >= $2 AND ($3::timestamptz IS NULL OR occurred_at <= $3)
        GROUP BY decision, reason_code
        ORDER BY decision, reason_code NULLS FIRST`,
        [tenants, from, to],
      );
    return rows.map((row) => ({ decision: row.decision, reasonCode: row.reasonCode, count: Number(row.count) }));
  }
}
