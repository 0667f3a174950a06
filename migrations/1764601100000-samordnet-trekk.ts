import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes of each tenant's oppslag samordnet trekk (debtor as a keyed hash), for the 2026
 * transition rule. The runtime role gets its DML through the roles migration's default privileges.
 */
export class SamordnetTrekk1764601100000 implements MigrationInterface {
  name = 'SamordnetTrekk1764601100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "samordnet_trekk_oppslag" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "subject_hash" character(64) NOT NULL,
        "har_samordnet_trekk" boolean NOT NULL,
        "korrelasjonsid" text,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_samordnet_trekk_oppslag" PRIMARY KEY ("id"),
        CONSTRAINT "FK_samordnet_trekk_oppslag_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_samordnet_trekk_oppslag_latest" ON "samordnet_trekk_oppslag" ("tenant_orgnr", "subject_hash", "answered_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "samordnet_trekk_oppslag"`);
  }
}
