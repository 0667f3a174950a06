import pg from 'pg';
import { POLICY_CHANGE_CHANNEL } from '#tenancy';

/** A connection to a test database, for set-up and for assertions on the rows the processes wrote. */
export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

/** One query on a connection of its own (closed again at once). */
export async function query<T = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = await connect(databaseUrl);
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Tells the gateways' policy state that a tenant (or, with '*', everything) changed, as the admin API does. */
export async function notifyPolicyChange(db: pg.Client, orgnr: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [POLICY_CHANGE_CHANNEL, orgnr]);
}
