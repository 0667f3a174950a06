// Migrates once into a template database with the real migration command (`npm test` builds
// first), as the schema owner, the way production does; each test file then copies the template
// (test-database.ts) and its processes connect as the runtime role.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE, ensureLoginRoles, OWNER_ROLE, urlAs } from '#database-roles';

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
  await ensureLoginRoles(serverUrl());
  const template = `dm_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE "${template}" OWNER ${OWNER_ROLE}`);
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], {
    env: {
      ...process.env,
      DATABASE_URL: urlAs(serverUrl(template), APP_ROLE),
      DATABASE_OWNER_URL: urlAs(serverUrl(template), OWNER_ROLE),
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.DM_TEST_TEMPLATE = template;
}
