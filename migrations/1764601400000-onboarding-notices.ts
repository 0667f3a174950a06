import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (items 3, 5, 7): terms versions as published (documents, changelog entries, resignBy)
 * with the re-signatures recorded; the eligibility override of a tenant that is not on the list
 * of municipalities; the notice outbox the worker sweeps. Existing terms keep their meaning: a
 * version that required re-signing did so from its effectiveFrom, which becomes its resignBy,
 * and its changelog text becomes its one entry. The runtime role gets its DML through the roles
 * migration's default privileges.
 */
export class OnboardingNotices1764601400000 implements MigrationInterface {
  name = 'OnboardingNotices1764601400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "terms_versions" ADD "documents" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "terms_versions" ADD "changelog_entries" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "terms_versions" ADD "resign_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "terms_versions" SET "resign_by" = "effective_from" WHERE "requires_resign"`);
    await queryRunner.query(`
      UPDATE "terms_versions"
      SET "changelog_entries" = jsonb_build_array(jsonb_build_object('date', to_char("published_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'section', 'Ikke angitt', 'text', "changelog"))`);
    await queryRunner.query(`
      CREATE TABLE "terms_signatures" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "declaration_id" uuid NOT NULL,
        "tenant_orgnr" character(9) NOT NULL,
        "terms_version" text NOT NULL,
        "signed_by" text NOT NULL,
        "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "document_sha256" character(64) NOT NULL,
        "recorded_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_terms_signatures" PRIMARY KEY ("id"),
        CONSTRAINT "FK_terms_signatures_declaration" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_terms_signatures_terms" FOREIGN KEY ("terms_version") REFERENCES "terms_versions"("version") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_terms_signatures_declaration" ON "terms_signatures" ("declaration_id")`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "eligibility_override" jsonb`);
    await queryRunner.query(`
      CREATE TABLE "notices" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "event" text NOT NULL,
        "channel" text NOT NULL,
        "recipient" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}',
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        "dedupe_key" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_notices" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_notices_dedupe_key" UNIQUE ("dedupe_key"),
        CONSTRAINT "FK_notices_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_notices_due" ON "notices" ("status", "next_attempt_at")`);
    await queryRunner.query(`CREATE INDEX "idx_notices_tenant" ON "notices" ("tenant_orgnr")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "eligibility_override"`);
    await queryRunner.query(`DROP TABLE "terms_signatures"`);
    await queryRunner.query(`ALTER TABLE "terms_versions" DROP COLUMN "resign_by"`);
    await queryRunner.query(`ALTER TABLE "terms_versions" DROP COLUMN "changelog_entries"`);
    await queryRunner.query(`ALTER TABLE "terms_versions" DROP COLUMN "documents"`);
  }
}
