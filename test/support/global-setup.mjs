// Migrates once into a template database with the real migration command (`npm test` builds
// first); each test file then copies the template (test-database.ts).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function serverUrl(database = 'postgres') {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  const template = `dm_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE "${template}"`);
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], {
    env: { ...process.env, DATABASE_URL: serverUrl(template), NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.DM_TEST_TEMPLATE = template;
}
