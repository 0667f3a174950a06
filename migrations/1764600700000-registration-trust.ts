import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registrations: Idempotency-Keys scoped per caller (the municipality itself or one supplier), so
 * one caller can neither replay nor probe another's key; and the policy code of a registration
 * refused at send time.
 */
export class RegistrationTrust1764600700000 implements MigrationInterface {
  name = 'RegistrationTrust1764600700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "registrations" ADD "caller_orgnr" character(9)`);
    await queryRunner.query(
      `UPDATE "registrations" SET "caller_orgnr" = COALESCE("context"->>'supplierOrgnr', "tenant_orgnr")`,
    );
    await queryRunner.query(`ALTER TABLE "registrations" ALTER COLUMN "caller_orgnr" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "UQ_registrations_tenant_key"`);
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "UQ_registrations_tenant_caller_key" UNIQUE ("tenant_orgnr", "caller_orgnr", "idempotency_key")`,
    );
    await queryRunner.query(`ALTER TABLE "registrations" ADD "refusal_code" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "registrations" DROP COLUMN "refusal_code"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "UQ_registrations_tenant_caller_key"`);
    // Keys two callers shared cannot both survive the old per-tenant constraint: the older row keeps it.
    await queryRunner.query(`
      DELETE FROM "registrations" r USING "registrations" o
      WHERE r."tenant_orgnr" = o."tenant_orgnr" AND r."idempotency_key" = o."idempotency_key" AND r."created_at" > o."created_at"`);
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "UQ_registrations_tenant_key" UNIQUE ("tenant_orgnr", "idempotency_key")`,
    );
    await queryRunner.query(`ALTER TABLE "registrations" DROP COLUMN "caller_orgnr"`);
  }
}
