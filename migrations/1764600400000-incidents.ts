import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents (issue 8): the incident, its timeline, its actions and the notifications they sent;
 * and the two platform-wide measures the gateway reads from its policy state: paused APIs and
 * blocked data subjects (held only as a keyed hash).
 */
export class Incidents1764600400000 implements MigrationInterface {
  name = 'Incidents1764600400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "incidents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "severity" text NOT NULL,
        "summary" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "affected_tenants" text array NOT NULL,
        "affected_apis" text array NOT NULL,
        "opened_by" text NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_incidents" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_incidents_status_opened" ON "incidents" ("status", "opened_at")`);
    await queryRunner.query(`
      CREATE TABLE "incident_actions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "incident_id" uuid NOT NULL,
        "type" text NOT NULL,
        "tenant_orgnr" character(9),
        "params" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "before" jsonb,
        "after" jsonb,
        "performed_by" text NOT NULL,
        "performed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_incident_actions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_incident_actions_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_incident_actions_incident" ON "incident_actions" ("incident_id", "performed_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "incident_timeline" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "incident_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "text" text NOT NULL,
        "author" text NOT NULL,
        "action_id" uuid,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_incident_timeline" PRIMARY KEY ("id"),
        CONSTRAINT "FK_incident_timeline_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_incident_timeline_action" FOREIGN KEY ("action_id") REFERENCES "incident_actions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_incident_timeline_incident" ON "incident_timeline" ("incident_id", "at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "incident_notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "incident_id" uuid NOT NULL,
        "delivery_id" uuid NOT NULL,
        "action_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_incident_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_incident_notifications_delivery" UNIQUE ("delivery_id"),
        CONSTRAINT "FK_incident_notifications_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_incident_notifications_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_incident_notifications_action" FOREIGN KEY ("action_id") REFERENCES "incident_actions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_incident_notifications_incident" ON "incident_notifications" ("incident_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "api_pauses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "api" text NOT NULL,
        "reason" text NOT NULL,
        "incident_id" uuid,
        "paused_by" text NOT NULL,
        "paused_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_at" TIMESTAMP WITH TIME ZONE,
        "lifted_by" text,
        CONSTRAINT "PK_api_pauses" PRIMARY KEY ("id"),
        CONSTRAINT "FK_api_pauses_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    // At most one pause in force per API.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_pauses_api_in_force" ON "api_pauses" ("api") WHERE lifted_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "blocked_subjects" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject_hash" character(64) NOT NULL,
        "reason" text NOT NULL,
        "incident_id" uuid,
        "blocked_by" text NOT NULL,
        "blocked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_at" TIMESTAMP WITH TIME ZONE,
        "lifted_by" text,
        CONSTRAINT "PK_blocked_subjects" PRIMARY KEY ("id"),
        CONSTRAINT "FK_blocked_subjects_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    // At most one block in force per subject.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_blocked_subjects_hash_in_force" ON "blocked_subjects" ("subject_hash") WHERE lifted_at IS NULL`,
    );
    // A suspension imposed under an incident names it.
    await queryRunner.query(`ALTER TABLE "tenant_suspensions" ADD "incident_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "tenant_suspensions" ADD CONSTRAINT "FK_tenant_suspensions_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_suspensions" DROP CONSTRAINT "FK_tenant_suspensions_incident"`);
    await queryRunner.query(`ALTER TABLE "tenant_suspensions" DROP COLUMN "incident_id"`);
    await queryRunner.query(`DROP TABLE "blocked_subjects"`);
    await queryRunner.query(`DROP TABLE "api_pauses"`);
    await queryRunner.query(`DROP TABLE "incident_notifications"`);
    await queryRunner.query(`DROP TABLE "incident_timeline"`);
    await queryRunner.query(`DROP TABLE "incident_actions"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
  }
}
