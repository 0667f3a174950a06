// The two login roles of a development or test server (README "Database roles"), set up by a
// superuser: `npm start` for its embedded PostgreSQL, the test run's global setup for the test server.
// In production the DBA creates them; the migrations create them NOLOGIN only when missing.
import pg from 'pg';

export const OWNER_ROLE = 'delingsmegler_owner';
export const APP_ROLE = 'delingsmegler_app';
/** Serialises role set-up across concurrent runs on one server (advisory locks are per database: all use `postgres`). */
const ROLES_LOCK_KEY = 4_711_202_613;

/** `url` with another user (and password) and, if given, another database. */
export function urlAs(url, role, { password, database } = {}) {
  const result = new URL(url);
  result.username = role;
  result.password = password ?? '';
  if (database) result.pathname = `/${database}`;
  return result.toString();
}

/**
 * Makes both roles exist and able to log in (with `passwords[role]` when given), idempotently and
 * safely while other runs, or a migration in another database, do the same.
 */
export async function ensureLoginRoles(superuserUrl, passwords = {}) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ROLES_LOCK_KEY]);
    for (const role of [OWNER_ROLE, APP_ROLE]) {
      const password = passwords[role] === undefined ? '' : ` PASSWORD ${client.escapeLiteral(passwords[role])}`;
      for (let attempt = 1; ; attempt++) {
        try {
          const { rows } = await client.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [role]);
          if (rows.length === 0) await client.query(`CREATE ROLE ${role} LOGIN${password}`);
          else if (!rows[0].rolcanlogin || password) await client.query(`ALTER ROLE ${role} LOGIN${password}`);
          break;
        } catch (error) {
          // A migration elsewhere created it between the look and the CREATE: look again.
          if (attempt >= 3 || !['42710', '23505', 'XX000'].includes(error.code)) throw error;
        }
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ROLES_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
