import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE, OWNER_ROLE, urlAs } from '#database-roles';

/** The server tests run against: DATABASE_URL's server, else the local PostgreSQL (trust auth). */
export function serverUrl(database = 'postgres'): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * A fresh database copied from the migrated template (set up once per run by global-setup), owned by
 * the schema owner like production: `url` connects as the runtime role, `ownerUrl` as the owner.
 */
export async function createDatabaseFromTemplate(): Promise<{
  name: string;
  url: string;
  ownerUrl: string;
  drop: () => Promise<void>;
}> {
  const template = process.env.DM_TEST_TEMPLATE;
  if (!template) throw new Error('DM_TEST_TEMPLATE is not set: run the tests through jest (global-setup)');
  const name = uniqueName('dm_test');
  await withServer(async (client) => {
    // Two files copying the template at the same instant can collide; try again briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" OWNER ${OWNER_ROLE}`);
        return;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: urlAs(serverUrl(name), APP_ROLE),
    ownerUrl: urlAs(serverUrl(name), OWNER_ROLE),
    drop: () =>
      withServer(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
