import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registrations1764600300000 implements MigrationInterface {
  name = 'Registrations1764600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "registrations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "idempotency_key" text NOT NULL,
        "request_hash" character(64) NOT NULL,
        "operation" text NOT NULL,
        "status" text NOT NULL DEFAULT 'accepted',
        "request_body" jsonb,
        "accept" text NOT NULL,
        "context" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "attempts" integer NOT NULL DEFAULT 0,
        "response_status" integer,
        "response_content_type" text,
        "response_body" text,
        "korrelasjonsid" text,
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "settled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_registrations" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_registrations_tenant_key" UNIQUE ("tenant_orgnr", "idempotency_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_registrations_status_created" ON "registrations" ("status", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "registrations"`);
  }
}
