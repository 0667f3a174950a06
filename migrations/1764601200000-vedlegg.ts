import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which tenant uploaded which decision document (Skatteetaten's uuid, SHA-256 and size, never the
 * content), so a registration can reference only its own tenant's. The runtime role gets its DML
 * (the worker's retention deletes) through the roles migration's default privileges.
 */
export class Vedlegg1764601200000 implements MigrationInterface {
  name = 'Vedlegg1764601200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "vedlegg" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "uuid" text NOT NULL,
        "sha256" character(64) NOT NULL,
        "bytes" integer NOT NULL,
        "caller_orgnr" character(9) NOT NULL,
        "korrelasjonsid" text,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_vedlegg_uuid" UNIQUE ("uuid"),
        CONSTRAINT "PK_vedlegg" PRIMARY KEY ("id"),
        CONSTRAINT "FK_vedlegg_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_vedlegg_uploaded_at" ON "vedlegg" ("uploaded_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vedlegg"`);
  }
}
