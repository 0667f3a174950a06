import { randomBytes } from 'node:crypto';
import pg from 'pg';

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

/** A fresh database copied from the migrated template (set up once per run by global-setup). */
export async function createDatabaseFromTemplate(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env.DM_TEST_TEMPLATE;
  if (!template) throw new Error('DM_TEST_TEMPLATE is not set: run the tests through jest (global-setup)');
  const name = uniqueName('dm_test');
  await withServer(async (client) => {
    // Two files copying the template at the same instant can collide; try again briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: serverUrl(name),
    drop: () => withServer(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
