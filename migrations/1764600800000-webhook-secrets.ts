import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-tenant webhook signing secrets (Standard Webhooks), sealed; at most one current per tenant. */
export class WebhookSecrets1764600800000 implements MigrationInterface {
  name = 'WebhookSecrets1764600800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_secrets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_orgnr" character(9) NOT NULL,
        "secret_sealed" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_webhook_secrets" PRIMARY KEY ("id"),
        CONSTRAINT "FK_webhook_secrets_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_webhook_secrets_current" ON "webhook_secrets" ("tenant_orgnr") WHERE expires_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_secrets"`);
  }
}
