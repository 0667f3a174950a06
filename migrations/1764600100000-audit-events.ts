import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's events (DESIGN §6). Append-only in the database itself: UPDATE and TRUNCATE are
 * always refused, DELETE only inside a transaction that ran
 * `SET LOCAL delingsmegler.audit_retention = 'on'` (the retention job's controlled path).
 */
export class AuditEvents1764600100000 implements MigrationInterface {
  name = 'AuditEvents1764600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "kind" text NOT NULL,
        "tenant_orgnr" character(9),
        "actor_type" text NOT NULL,
        "actor_id" text NOT NULL,
        "actor_role" text,
        "supplier_orgnr" character(9),
        "end_user" text,
        "operation" text NOT NULL,
        "legal_basis" text,
        "purpose" text,
        "case_reference" text,
        "decision" text NOT NULL,
        "reason_code" text,
        "reasons" jsonb,
        "policy_version" text,
        "subject_hash" text,
        "subject_key_id" text,
        "subject_encrypted" text,
        "http_status" integer,
        "upstream_status" integer,
        "korrelasjonsid" text,
        "correlation_id" text,
        "bytes" bigint,
        "latency_ms" integer,
        "incident_id" text,
        "details" jsonb,
        CONSTRAINT "PK_audit_events" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_audit_events_tenant_id" ON "audit_events" ("tenant_orgnr", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_events_subject_hash" ON "audit_events" ("subject_hash")`);
    await queryRunner.query(
      `CREATE INDEX "idx_audit_events_tenant_case_reference" ON "audit_events" ("tenant_orgnr", "case_reference")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_events_occurred_at" ON "audit_events" USING brin ("occurred_at")`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('delingsmegler.audit_retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
  }
}
