import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Onboarding: tenant status, rate and successor; terms versions, declarations, delegations, suppliers, suspensions. */
export class Tenancy1764600000000 implements MigrationInterface {
  name = 'Tenancy1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "status" text NOT NULL DEFAULT 'active'`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "rate_per_minute" integer`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "successor_orgnr" character(9)`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "succeeded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE TABLE "terms_versions" (
        "version" text NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "changelog" text NOT NULL,
        "requires_resign" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_terms_versions" PRIMARY KEY ("version")
      )`);
    await queryRunner.query(`
      CREATE TABLE "declarations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "terms_version" text NOT NULL,
        "signed_by" text NOT NULL,
        "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "document_sha256" character(64) NOT NULL,
        "environment" text NOT NULL,
        "apis" text array NOT NULL,
        "legal_bases" text array NOT NULL,
        "existing_agreement" boolean NOT NULL DEFAULT false,
        "status" text NOT NULL DEFAULT 'received',
        "forward_status" text,
        "forward_attempts" integer NOT NULL DEFAULT 0,
        "forward_last_error" text,
        "forwarded_at" TIMESTAMP WITH TIME ZONE,
        "intake_reference" text,
        "decision_reference" text,
        "decision_reason" text,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "effective_from" date,
        "status_reason" text,
        "terminated_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_declarations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_declarations_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_declarations_terms" FOREIGN KEY ("terms_version") REFERENCES "terms_versions"("version") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_declarations_tenant" ON "declarations" ("tenant_orgnr")`);
    await queryRunner.query(`
      CREATE TABLE "delegations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "api" text NOT NULL,
        "scope" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "problem_code" text,
        "mp_code" text,
        "checked_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_delegations" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_delegations_tenant_api" UNIQUE ("tenant_orgnr", "api"),
        CONSTRAINT "FK_delegations_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`
      CREATE TABLE "tenant_suppliers" (
        "tenant_orgnr" character(9) NOT NULL,
        "supplier_orgnr" character(9) NOT NULL,
        "name" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tenant_suppliers" PRIMARY KEY ("tenant_orgnr", "supplier_orgnr"),
        CONSTRAINT "FK_tenant_suppliers_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`
      CREATE TABLE "tenant_suspensions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "api" text,
        "reason" text NOT NULL,
        "suspended_by" text NOT NULL,
        "suspended_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_at" TIMESTAMP WITH TIME ZONE,
        "lifted_by" text,
        "lift_reason" text,
        CONSTRAINT "PK_tenant_suspensions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_tenant_suspensions_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_tenant_suspensions_tenant" ON "tenant_suspensions" ("tenant_orgnr")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenant_suspensions"`);
    await queryRunner.query(`DROP TABLE "tenant_suppliers"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
    await queryRunner.query(`DROP TABLE "declarations"`);
    await queryRunner.query(`DROP TABLE "terms_versions"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "succeeded_at"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "successor_orgnr"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "rate_per_minute"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "status"`);
  }
}
