import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (items 1, 2, 6): signed declaration documents in a bytea table of their own (never in
 * the audit tables), the channel a declaration was forwarded by, and contacts with ids, roles and
 * a phone. The runtime role gets its DML through the roles migration's default privileges.
 */
export class DeclarationDocuments1764601300000 implements MigrationInterface {
  name = 'DeclarationDocuments1764601300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "declaration_documents" (
        "declaration_id" uuid NOT NULL,
        "tenant_orgnr" character(9) NOT NULL,
        "content" bytea NOT NULL,
        "sha256" character(64) NOT NULL,
        "size_bytes" integer NOT NULL,
        "uploaded_by" text NOT NULL,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_declaration_documents" PRIMARY KEY ("declaration_id"),
        CONSTRAINT "FK_declaration_documents_declaration" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_declaration_documents_tenant" FOREIGN KEY ("tenant_orgnr") REFERENCES "tenants"("orgnr") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_declaration_documents_tenant" ON "declaration_documents" ("tenant_orgnr")`,
    );
    // PDFs are compressed already: keep them out of line without a second compression pass.
    await queryRunner.query(`ALTER TABLE "declaration_documents" ALTER COLUMN "content" SET STORAGE EXTERNAL`);

    await queryRunner.query(`ALTER TABLE "declarations" ADD "forward_channel" text`);
    await queryRunner.query(`UPDATE "declarations" SET "forward_channel" = 'intake' WHERE "forwarded_at" IS NOT NULL`);

    // Each contact gets a stable id (the municipality updates its contacts by id) and roles.
    await queryRunner.query(`
      UPDATE "tenants" SET "contacts" = (
        SELECT coalesce(jsonb_agg(contact || jsonb_build_object('id', coalesce(contact->>'id', gen_random_uuid()::text), 'roles', coalesce(contact->'roles', '[]'::jsonb)) ORDER BY position), '[]'::jsonb)
        FROM jsonb_array_elements("contacts") WITH ORDINALITY AS item(contact, position)
      ) WHERE jsonb_array_length("contacts") > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "tenants" SET "contacts" = (
        SELECT coalesce(jsonb_agg(contact - 'id' - 'roles' - 'phone' ORDER BY position), '[]'::jsonb)
        FROM jsonb_array_elements("contacts") WITH ORDINALITY AS item(contact, position)
      ) WHERE jsonb_array_length("contacts") > 0`);
    await queryRunner.query(`ALTER TABLE "declarations" DROP COLUMN "forward_channel"`);
    await queryRunner.query(`DROP TABLE "declaration_documents"`);
  }
}
