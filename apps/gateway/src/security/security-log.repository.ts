import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RefusalCount {
  minute: Date;
  source: string;
  reason: string;
  count: number;
  lastSeen: Date;
}

/** All SQL on security_refusals: counts are added (several replicas share a row), never replaced. */
@Injectable()
export class SecurityLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(counts: RefusalCount[]): Promise<void> {
    if (counts.length === 0) return;
    const params: unknown[] = [];
    const tuples = counts.map((row) => {
      params.push(row.minute, row.source, row.reason, row.count, row.lastSeen);
      const at = params.length - 4;
      return `($${at}, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4})`;
    });
    await this.dataSource.query(
      `INSERT INTO "security_refusals" ("minute", "source", "reason", "count", "last_seen") VALUES ${tuples.join(', ')}
       ON CONFLICT ("minute", "source", "reason") DO UPDATE
       SET "count" = "security_refusals"."count" + EXCLUDED."count", "last_seen" = GREATEST("security_refusals"."last_seen", EXCLUDED."last_seen")`,
      params,
    );
  }

  async prune(retentionDays: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM "security_refusals" WHERE "minute" < now() - make_interval(days => $1)`, [
      retentionDays,
    ]);
  }
}
