import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit hash chain, its signed checkpoints and the export jobs (DESIGN §6). audit_chain and
 * audit_checkpoints are append-only like audit_events: UPDATE and TRUNCATE always refused, DELETE only
 * in a transaction that ran `SET LOCAL delingsmegler.audit_retention = 'on'`. No foreign key from
 * audit_chain to audit_events: retention deletes old events but keeps their (personal-data-free)
 * chain rows, so the first remaining event still links to its predecessor's hash.
 */
export class AuditSeals1764600200000 implements MigrationInterface {
  name = 'AuditSeals1764600200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_chain" (
        "event_id" bigint NOT NULL,
        "chain" text NOT NULL,
        "seq" bigint NOT NULL,
        "prev_hash" text NOT NULL,
        "hash" text NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_audit_chain_chain_seq" UNIQUE ("chain", "seq"),
        CONSTRAINT "PK_audit_chain" PRIMARY KEY ("event_id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_audit_chain_sealed_at" ON "audit_chain" ("sealed_at")`);
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "chain" text NOT NULL,
        "seq" bigint NOT NULL,
        "hash" text NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "key_id" text NOT NULL,
        "jws" text NOT NULL,
        CONSTRAINT "PK_audit_checkpoints" PRIMARY KEY ("chain", "seq")
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_exports" (
        "id" uuid NOT NULL,
        "requested_by" text NOT NULL,
        "tenant_orgnr" character(9),
        "from_time" TIMESTAMP WITH TIME ZONE,
        "to_time" TIMESTAMP WITH TIME ZONE,
        "status" text NOT NULL DEFAULT 'pending',
        "event_count" integer,
        "sha256" text,
        "content" text,
        "error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_audit_exports" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_seals_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('delingsmegler.audit_retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_chain', 'audit_checkpoints']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION "audit_seals_append_only"()`);
      await queryRunner.query(`
        CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_seals_append_only"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_exports"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`DROP FUNCTION "audit_seals_append_only"()`);
  }
}
