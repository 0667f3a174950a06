// What the benchmarks share: a scratch database migrated like production, free ports, platform
// processes from dist/, and small HTTP helpers.
import { execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { APP_ROLE, ensureLoginRoles, OWNER_ROLE, urlAs } from './database-roles.mjs';

export const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

/**
 * Runs each [text, params] statement on one connection (the server's default database unless
 * `url`); answers the last statement's rows.
 */
export async function onServer(statements, url = serverUrl.toString()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows;
    for (const [text, params] of statements) ({ rows } = await client.query(text, params));
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * A database of its own, migrated by the schema owner with the real migration command; the
 * processes connect as the runtime role, as in production. `drop()` removes it.
 */
export async function scratchDatabase(name) {
  const database = `${name}_${process.pid}`;
  const ownerUrl = urlAs(serverUrl.toString(), OWNER_ROLE, { database });
  const databaseUrl = urlAs(serverUrl.toString(), APP_ROLE, { database });
  await ensureLoginRoles(serverUrl.toString());
  await onServer([[`CREATE DATABASE "${database}" OWNER ${OWNER_ROLE}`]]);
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: ownerUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    ownerUrl,
    databaseUrl,
    drop: () => onServer([[`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]]).catch(() => undefined),
  };
}

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** BENCH_PROFILE=<dir>: each process the bench starts writes a V8 CPU profile there when it stops. */
const profileFlags = () =>
  process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/** Platform processes started from dist/ (APP_ENV=test, warnings only), stopped together. */
export class Processes {
  children = [];

  /** `logFile`: the process logs at `info` into this file, as it would in production, instead of warnings to the terminal. */
  start(name, env, logFile) {
    const child = spawn(process.execPath, [...profileFlags(), `dist/apps/${name}/src/main.js`], {
      env: { ...process.env, LOG_LEVEL: logFile ? 'info' : 'warn', APP_ENV: 'test', ...env },
      stdio: logFile ? ['ignore', openSync(logFile, 'a'), 'inherit'] : 'inherit',
    });
    this.children.push(child);
    return child;
  }

  /** A bench script of its own (not a platform process), stopped with the others. */
  script(path, args, env = {}) {
    const child = spawn(process.execPath, [...profileFlags(), path, ...args], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    this.children.push(child);
    return child;
  }

  async stopAll() {
    for (const child of this.children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function waitReady(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready`);
}

export async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}
