import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's security log of refused gateway traffic (issue 12): counts per minute, source and reason. */
export class SecurityRefusals1764600600000 implements MigrationInterface {
  name = 'SecurityRefusals1764600600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "security_refusals" (
        "minute" TIMESTAMP WITH TIME ZONE NOT NULL,
        "source" text NOT NULL,
        "reason" text NOT NULL,
        "count" bigint NOT NULL,
        "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_security_refusals" PRIMARY KEY ("minute", "source", "reason")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_security_refusals_source" ON "security_refusals" ("source", "minute")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security_refusals"`);
  }
}
