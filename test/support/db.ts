import pg from 'pg';
import { POLICY_CHANGE_CHANNEL } from '#tenancy';
import { eventually } from './eventually.js';

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

/**
 * Waits until every notification committed so far has reached `listener`: sends a marker on
 * `channel` (which `listener` LISTENs on) and waits for it, since PostgreSQL delivers notifications
 * in commit order. Resolves to the marker's payload, which the listener hears as well. For tests of
 * an absence ("this failed write notified nothing"), which a timer can only guess at.
 */
export async function notificationsSettled(listener: pg.Client, channel: string, timeoutMs = 3000): Promise<string> {
  const marker = `settled-${process.hrtime.bigint()}`;
  let heard = false;
  const onNotification = (message: pg.Notification) => {
    if (message.channel === channel && message.payload === marker) heard = true;
  };
  listener.on('notification', onNotification);
  try {
    await listener.query('SELECT pg_notify($1, $2)', [channel, marker]);
    await eventually(() => heard, { timeout: timeoutMs, interval: 5 });
  } finally {
    listener.off('notification', onNotification);
  }
  return marker;
}
