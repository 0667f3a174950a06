import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Owns the schema and runs the migrations (DATABASE_OWNER_URL). */
const OWNER_ROLE = 'delingsmegler_owner';
/** Gateway, admin and worker (DATABASE_URL): DML on ordinary tables, only INSERT and SELECT on the audit tables. */
const APP_ROLE = 'delingsmegler_app';
/** Append-only: the runtime role may add and read rows here, never change or remove them. */
const AUDIT_TABLES = ['audit_events', 'audit_chain', 'audit_checkpoints'];
/** Nothing deletes events younger than this unless the owner lowers it (`audit_retention_policy`). */
const DEFAULT_MIN_RETENTION_DAYS = 1830;

/**
 * Audit storage the application cannot rewrite (issue 12, item 5). The roles are created NOLOGIN
 * when missing (the DBA gives them LOGIN and passwords) and checked: the runtime role must be
 * neither superuser nor a member of the owner. Everything in the schema is handed to the owner, so
 * the runtime role cannot DROP, ALTER (… DISABLE TRIGGER) or TRUNCATE anything; it gets DML on the
 * ordinary tables (also on tables later migrations create, through default privileges) and only
 * INSERT and SELECT on the audit tables. Retention no longer trusts a session setting: only
 * `audit_delete_expired`, owned by the owner and running with its rights, deletes events, and only
 * sealed ones older than the retention, which is never shorter than `audit_retention_policy.min_days`.
 * `down` keeps the roles (they are cluster-wide, other databases may use them) and the ownership.
 */
export class DatabaseRoles1764600500000 implements MigrationInterface {
  name = 'DatabaseRoles1764600500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const role of [OWNER_ROLE, APP_ROLE]) await queryRunner.query(createRoleIfMissing(role));
    await queryRunner.query(`
      DO $$
      BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = '${APP_ROLE}') OR pg_has_role('${APP_ROLE}', '${OWNER_ROLE}', 'MEMBER') THEN
          RAISE EXCEPTION '${APP_ROLE} must be neither superuser nor a member of ${OWNER_ROLE}';
        END IF;
      END $$`);

    await queryRunner.query(`
      CREATE TABLE "audit_retention_policy" (
        "id" boolean NOT NULL DEFAULT true,
        "min_days" integer NOT NULL,
        CONSTRAINT "PK_audit_retention_policy" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_audit_retention_policy_single_row" CHECK ("id"),
        CONSTRAINT "CHK_audit_retention_policy_min_days" CHECK ("min_days" >= 1)
      )`);
    await queryRunner.query(`INSERT INTO "audit_retention_policy" ("min_days") VALUES (${DEFAULT_MIN_RETENTION_DAYS})`);

    // DELETE passes only with the flag set and with the owner's rights, i.e. inside audit_delete_expired.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('delingsmegler.audit_retention', true) = 'on'
           AND (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID) = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    // Retention keeps chain rows and checkpoints, so nothing ever deletes them.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_seals_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);

    // Per chain only the oldest prefix whose events all occurred before the cutoff goes, so the rest
    // still verifies from the kept chain row of its predecessor. The caller holds the sealer's lock.
    await queryRunner.query(`
      CREATE FUNCTION "audit_delete_expired"(retention_days integer, max_events integer) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        cutoff timestamptz;
        deleted integer := 0;
        n integer;
        prefix record;
      BEGIN
        IF retention_days IS NULL OR max_events IS NULL OR max_events < 1 THEN
          RAISE EXCEPTION 'audit_delete_expired needs retention_days and max_events >= 1' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT now() - make_interval(days => greatest(retention_days, p.min_days)) INTO STRICT cutoff FROM public.audit_retention_policy p;
        PERFORM set_config('delingsmegler.audit_retention', 'on', true);
        FOR prefix IN
          SELECT x.chain,
                 coalesce((SELECT min(c2.seq) - 1 FROM public.audit_chain c2 JOIN public.audit_events e2 ON e2.id = c2.event_id
                            WHERE c2.chain = x.chain AND e2.occurred_at >= cutoff),
                          (SELECT max(c3.seq) FROM public.audit_chain c3 WHERE c3.chain = x.chain)) AS upto
            FROM (SELECT DISTINCT c.chain FROM public.audit_events e JOIN public.audit_chain c ON c.event_id = e.id WHERE e.occurred_at < cutoff) x
        LOOP
          WITH gone AS (
            DELETE FROM public.audit_events WHERE id IN (
              SELECT c.event_id FROM public.audit_chain c JOIN public.audit_events e ON e.id = c.event_id
               WHERE c.chain = prefix.chain AND c.seq <= prefix.upto LIMIT max_events - deleted)
            RETURNING 1)
          SELECT count(*) INTO n FROM gone;
          deleted := deleted + n;
          EXIT WHEN deleted >= max_events;
        END LOOP;
        PERFORM set_config('delingsmegler.audit_retention', 'off', true);
        RETURN deleted;
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "audit_delete_expired"(integer, integer) FROM PUBLIC`);

    await queryRunner.query(`
      DO $$
      DECLARE object record;
      BEGIN
        -- Tables (their identity sequences follow), free-standing sequences and functions; not an extension's.
        FOR object IN
          SELECT format('ALTER TABLE public.%I OWNER TO ${OWNER_ROLE}', c.relname) AS statement FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relowner <> '${OWNER_ROLE}'::regrole
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
          UNION ALL
          SELECT format('ALTER SEQUENCE public.%I OWNER TO ${OWNER_ROLE}', c.relname) FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> '${OWNER_ROLE}'::regrole
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
          UNION ALL
          SELECT format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure) FROM pg_proc p
           WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '${OWNER_ROLE}'::regrole
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        LOOP
          EXECUTE object.statement;
        END LOOP;
      END $$`);

    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON "schema_migrations" FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "audit_retention_policy" FROM ${APP_ROLE}`);
    for (const table of AUDIT_TABLES) await queryRunner.query(`REVOKE UPDATE, DELETE ON "${table}" FROM ${APP_ROLE}`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION "audit_delete_expired"(integer, integer) TO ${APP_ROLE}`);
    // Tables of later migrations: a new append-only table must REVOKE UPDATE, DELETE in its own migration.
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(`DROP FUNCTION "audit_delete_expired"(integer, integer)`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`DROP TABLE "audit_retention_policy"`);
    for (const name of ['audit_events_append_only', 'audit_seals_append_only']) {
      const table = name === 'audit_events_append_only' ? `'audit_events'` : 'TG_TABLE_NAME';
      await queryRunner.query(`
        CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('delingsmegler.audit_retention', true) = 'on' THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION '% is append-only: % refused', ${table}, TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$`);
    }
  }
}

/** Race-safe: tests in parallel (and other databases on the server) may create it at the same moment. */
function createRoleIfMissing(role: string): string {
  return `
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        RETURN;
      END IF;
      IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'role ${role} does not exist and % may not create it: create it first (README, Database roles)', current_user;
      END IF;
      BEGIN
        CREATE ROLE ${role} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END $$`;
}
