import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `
  "tenant_orgnr" character(9) NOT NULL,
  "api" text NOT NULL,
  "legal_basis" text NOT NULL,
  "decision" text NOT NULL,
  "reason_code" text NOT NULL,
  "calls" bigint NOT NULL`;
const KEY = `"tenant_orgnr", "api", "legal_basis", "decision", "reason_code"`;

/** The API of an operation id (`inntekt.hent-inntekter` → `inntekt`); '' for the gateway's own routes. */
const API_OF = `CASE WHEN split_part(e.operation, '.', 1) IN ('inntekt', 'summertskattegrunnlag', 'utleggstrekk')
  THEN split_part(e.operation, '.', 1) ELSE '' END`;

/**
 * Usage statistics: gateway calls counted per hour, day and month (UTC) by tenant, API, legal basis,
 * decision and refusal code. The worker's audit sealer adds each event once, in the transaction
 * that seals it; events sealed before this migration are counted here. No personal data.
 */
export class UsageStatistics1764601600000 implements MigrationInterface {
  name = 'UsageStatistics1764601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "usage_hourly" ("bucket" TIMESTAMP WITH TIME ZONE NOT NULL, ${DIMENSIONS},
        CONSTRAINT "PK_usage_hourly" PRIMARY KEY ("bucket", ${KEY}))`);
    await queryRunner.query(`
      CREATE TABLE "usage_daily" ("day" date NOT NULL, ${DIMENSIONS},
        CONSTRAINT "PK_usage_daily" PRIMARY KEY ("day", ${KEY}))`);
    await queryRunner.query(`
      CREATE TABLE "usage_monthly" ("month" date NOT NULL, ${DIMENSIONS},
        CONSTRAINT "PK_usage_monthly" PRIMARY KEY ("month", ${KEY}))`);
    await queryRunner.query(`CREATE INDEX "idx_usage_hourly_tenant" ON "usage_hourly" ("tenant_orgnr", "bucket")`);
    await queryRunner.query(`CREATE INDEX "idx_usage_daily_tenant" ON "usage_daily" ("tenant_orgnr", "day")`);
    for (const [table, period] of [
      ['usage_hourly', `date_trunc('hour', e.occurred_at)`],
      ['usage_daily', `(e.occurred_at AT TIME ZONE 'UTC')::date`],
      ['usage_monthly', `date_trunc('month', e.occurred_at AT TIME ZONE 'UTC')::date`],
    ]) {
      await queryRunner.query(`
        INSERT INTO "${table}"
        SELECT ${period}, e.tenant_orgnr, ${API_OF}, coalesce(e.legal_basis, ''), e.decision,
               coalesce(e.reason_code, ''), count(*)
          FROM "audit_events" e
         WHERE e.kind = 'gateway-request' AND e.tenant_orgnr IS NOT NULL
           AND EXISTS (SELECT 1 FROM "audit_chain" c WHERE c.event_id = e.id)
         GROUP BY 1, 2, 3, 4, 5, 6`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_monthly"`);
    await queryRunner.query(`DROP TABLE "usage_daily"`);
    await queryRunner.query(`DROP TABLE "usage_hourly"`);
  }
}
