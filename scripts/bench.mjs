#!/usr/bin/env node
// `npm run bench` (first part): the cost of the hot path, side by side in one run (the machine is
// noisy, so the ratios mean more than the figures):
//   - nginx `proxy_pass` (one worker, keep-alive) to the simulator: the pass-through baseline;
//   - two Node floors (scripts/bench-node-proxy.mjs): node:http in and undici out, nothing else;
//     and the same with only the round trips the guarantees need (the shared rate and permit in
//     Redis, an audit row committed before the answer): the least any Node gateway costs here;
//   - the whole inntekt call through the gateway: token check, policy, limits, Maskinporten token,
//     upstream call, audit committed before the answer; the worker seals the events meanwhile;
//   - an audited policy refusal through the gateway (a legal basis the municipality lacks).
// Four municipalities × four keep-alive connections each (under Skatteetaten's five concurrent
// calls), best of BENCH_ROUNDS closed-loop rounds (wrk), CPU per request of every process read from
// /proc around each run, then an open loop at half the gateway's best rate against both. Every
// figure goes to results/bench-<timestamp>.json, with the goals of issue 17 checked.
// Needs a built tree (`npm run build`), PostgreSQL (DATABASE_URL, default the local server; a
// scratch database is created and dropped) and Redis; installs Debian's wrk and nginx-light when
// missing (without nginx the comparison is skipped, and said so).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import { closedLoop, ensureCommands, openLoop, startNginx } from './bench-load.mjs';
import { freePort, onServer, post, Processes, scratchDatabase, waitReady } from './bench-support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS_PER_MUNICIPALITY = 4;
/** Oslo, Bergen, Trondheim, Stavanger. */
const MUNICIPALITIES = ['958935420', '964338531', '942110464', '964965226'];
const PLATFORM_ORG = '991825827';
const SCOPES = [
  'skatteetaten:inntekt',
  'skatteetaten:summertskattegrunnlag',
  'skatteetaten:utleggstrekkbeslutningkommune',
];
const INNTEKT = '/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07';
const CONTEXT = {
  'x-legal-basis': 'vegtrafikkloven-38',
  'x-purpose': 'innkreving-kommunale-krav',
  'x-case-reference': 'BENCH-1',
  'x-end-user': 'bench',
};
/** A legal basis the municipalities have not declared: refused by the policy, and audited. */
const REFUSED_CONTEXT = { ...CONTEXT, 'x-legal-basis': 'eigedomsskattelova-27' };
/** The Node floors' script: this checkout's, also when measuring another tree. */
const NODE_PROXY = fileURLToPath(new URL('./bench-node-proxy.mjs', import.meta.url));
/** The paths measured, in the order of each round; a Node floor's name is also its CPU group. */
const LABELS = {
  nginx: 'nginx proxy_pass',
  bare: 'Node floor: proxy only',
  minimal: 'Node floor: + guarantees',
  gateway: 'inntekt through the gateway',
  refusal: 'audited refusal',
};
const FLOORS = ['bare', 'minimal'];
const GOALS = {
  ratioToNginx: 0.5,
  gatewayCpuMicroseconds: 150,
  postgresCpuMicroseconds: 60,
  redisCpuMicroseconds: 30,
  openLoopP99OverNginxMs: 5,
};

const processes = new Processes();
const workDir = mkdtempSync(join(tmpdir(), 'dm-bench-'));
const say = (text) => process.stdout.write(`${text}\n`);
let scratch;
let nginx;

async function seed(databaseUrl) {
  const statements = [
    [
      `INSERT INTO terms_versions (version, published_at, effective_from, changelog) VALUES ('bench', now(), now() - interval '1 day', 'bench')`,
    ],
  ];
  for (const orgnr of MUNICIPALITIES) {
    statements.push(
      [`INSERT INTO tenants (orgnr, name) VALUES ($1, 'Bench kommune')`, [orgnr]],
      [
        `INSERT INTO declarations (tenant_orgnr, terms_version, signed_by, signed_at, document_sha256, environment, apis, legal_bases, existing_agreement, status)
         VALUES ($1, 'bench', 'bench', now(), repeat('a', 64), 'test', '{inntekt,summertskattegrunnlag,utleggstrekk}', '{vegtrafikkloven-38}', true, 'active')`,
        [orgnr],
      ],
    );
  }
  await onServer(statements, databaseUrl);
}

/** The simulator knows the platform's client, and each municipality has delegated every scope to it. */
async function connectPlatform(simulatorUrl) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const keyFile = join(workDir, 'key.json');
  writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'bench' }), { mode: 0o600 });
  await post(`${simulatorUrl}/_sim/clients`, {
    clientId: 'bench',
    orgnr: PLATFORM_ORG,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] },
    scopes: SCOPES,
  });
  for (const orgnr of MUNICIPALITIES) {
    for (const scope of SCOPES) {
      await post(`${simulatorUrl}/_sim/scope-access`, { orgnr, scope });
      await post(`${simulatorUrl}/_sim/delegations`, { consumerOrg: orgnr, supplierOrg: PLATFORM_ORG, scope });
    }
  }
  return keyFile;
}

const token = async (simulatorUrl, body) =>
  (await post(`${simulatorUrl}/_sim/tokens`, { expiresIn: 3600, ...body })).access_token;

const best = (runs) => runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));

function row(name, run, cpuGroups) {
  const cpu = cpuGroups.map((group) => String(run.cpuMicrosecondsPerRequest[group] ?? '').padStart(8)).join(' ');
  return `${name.padEnd(34)} ${String(run.requestsPerSecond).padStart(7)} ${String(run.p50Ms).padStart(7)} ${String(run.p99Ms).padStart(7)} ${cpu}`;
}

/** Seconds until every committed audit event has its chain link (at most two minutes). */
async function waitSealed(databaseUrl) {
  const started = Date.now();
  for (;;) {
    const [{ unsealed }] = await onServer(
      [
        [
          `SELECT count(*)::int AS unsealed FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)`,
        ],
      ],
      databaseUrl,
    );
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    if (unsealed === 0 || seconds > 120) return seconds;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The gateway's own metrics, a number per series (name with its labels). */
async function scrape(metricsUrl) {
  const values = {};
  for (const line of (await (await fetch(metricsUrl)).text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values[line.slice(0, space)] = Number(line.slice(space + 1));
  }
  return values;
}

/** What the gateway's metrics say of a run between two scrapes: group commit, event loop, GC. */
function gatewayInside(before, after, seconds) {
  const grew = (series) => (after[series] ?? 0) - (before[series] ?? 0);
  const gcSeconds = Object.keys(after)
    .filter((series) => series.startsWith('nodejs_gc_duration_seconds_sum'))
    .reduce((sum, series) => sum + grew(series), 0);
  const twoPlaces = (value) => Math.round(value * 100) / 100;
  return {
    auditEventsPerCommit: twoPlaces(grew('audit_write_batch_size_sum') / grew('audit_write_batch_size_count')),
    auditCommitWaitMeanMs: twoPlaces(
      (1000 * grew('audit_write_duration_seconds_sum')) / grew('audit_write_duration_seconds_count'),
    ),
    // prom-client's event-loop monitor starts afresh at each scrape: this is the run's own maximum.
    eventLoopDelayMaxMs: twoPlaces(1000 * (after.nodejs_eventloop_lag_max_seconds ?? 0)),
    gcMsPerSecond: twoPlaces((1000 * gcSeconds) / seconds),
  };
}

function countAudited(databaseUrl) {
  return onServer(
    [[`SELECT decision, count(*)::int AS n FROM audit_events WHERE kind = 'gateway-request' GROUP BY decision`]],
    databaseUrl,
  );
}

/**
 * The closed-loop rounds of every path (`paths`: name → { origin, targets }), the open loop at half
 * the gateway's best rate, the goals, the results file.
 */
async function measureAndReport({ paths, load, cpuGroups, databaseUrl, metricsUrl }) {
  const rounds = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  say(`\n${'closed loop, round'.padEnd(34)}   req/s  p50 ms  p99 ms ${cpuGroups.map((g) => g.padStart(8)).join(' ')}`);
  say(`${''.padEnd(34)}                         (CPU µs per request)`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, path] of Object.entries(paths)) {
      rounds[name].push(await closedLoop({ ...load, ...path }));
      say(row(`${round}: ${LABELS[name]}`, rounds[name].at(-1), cpuGroups));
    }
  }
  const bests = Object.fromEntries(Object.entries(rounds).map(([name, runs]) => [name, best(runs)]));
  const { nginx: nginxBest, gateway: gatewayBest, refusal: refusalBest } = bests;

  // The open loop measures the steady state: the worker first seals what the rounds left behind.
  const sealedAfterSeconds = await waitSealed(databaseUrl);
  say(`\nthe worker had sealed every event ${sealedAfterSeconds} s after the last round`);
  const rate = Math.max(1, Math.round(gatewayBest.requestsPerSecond / 2));
  const open = { rate, sealedAfterSeconds };
  const openLoad = { connectionsPerTarget: CONNECTIONS_PER_MUNICIPALITY, rate, seconds: SECONDS };
  for (const name of ['nginx', 'minimal'])
    if (paths[name]) open[name] = await openLoop({ ...openLoad, ...paths[name] });
  const before = await scrape(metricsUrl);
  open.gateway = await openLoop({ ...openLoad, ...paths.gateway });
  open.gatewayInside = gatewayInside(before, await scrape(metricsUrl), SECONDS + 1);

  const answered2xx = rounds.gateway.reduce((sum, run) => sum + run.requests - run.non2xx, 0);

  const g = gatewayBest.cpuMicrosecondsPerRequest;
  const checks = [
    ...(nginxBest
      ? [
          {
            goal: `gateway req/s ≥ ${GOALS.ratioToNginx} × nginx`,
            value: +(gatewayBest.requestsPerSecond / nginxBest.requestsPerSecond).toFixed(2),
            met: gatewayBest.requestsPerSecond >= GOALS.ratioToNginx * nginxBest.requestsPerSecond,
          },
          {
            goal: `open-loop p99 ≤ nginx p99 + ${GOALS.openLoopP99OverNginxMs} ms`,
            value: +(open.gateway.p99Ms - open.nginx.p99Ms).toFixed(2),
            met: open.gateway.p99Ms <= open.nginx.p99Ms + GOALS.openLoopP99OverNginxMs,
          },
        ]
      : []),
    {
      goal: `gateway CPU ≤ ${GOALS.gatewayCpuMicroseconds} µs`,
      value: g.gateway,
      met: g.gateway <= GOALS.gatewayCpuMicroseconds,
    },
    {
      goal: `PostgreSQL CPU ≤ ${GOALS.postgresCpuMicroseconds} µs`,
      value: g.postgres,
      met: g.postgres <= GOALS.postgresCpuMicroseconds,
    },
    {
      goal: `Redis CPU ≤ ${GOALS.redisCpuMicroseconds} µs`,
      value: g.redis,
      met: g.redis <= GOALS.redisCpuMicroseconds,
    },
    {
      goal: 'refusal costs the gateway less CPU than an allowed call',
      value: `${refusalBest.cpuMicrosecondsPerRequest.gateway} < ${g.gateway}`,
      met: refusalBest.cpuMicrosecondsPerRequest.gateway < g.gateway,
    },
  ];
  const audited = await countAudited(databaseUrl);

  say(`\n${'best of each'.padEnd(34)}   req/s  p50 ms  p99 ms ${cpuGroups.map((c) => c.padStart(8)).join(' ')}`);
  for (const [name, run] of Object.entries(bests)) say(row(LABELS[name], run, cpuGroups));
  say(`\nopen loop at ${rate} req/s (half the gateway's best), latency from when each request was due:`);
  for (const name of ['nginx', 'minimal', 'gateway']) {
    if (!open[name]) continue;
    const run = open[name];
    say(
      `  ${LABELS[name].padEnd(28)} p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, max ${run.maxMs} ms (${run.non2xx} non-2xx)`,
    );
  }
  say(`  the gateway meanwhile: ${JSON.stringify(open.gatewayInside)}`);
  // Not goals: where the gateway stands between what Node costs here and what nginx costs.
  const floors = Object.fromEntries(
    FLOORS.map((floor) => {
      const run = bests[floor];
      return [
        floor,
        {
          cpuMicroseconds: run.cpuMicrosecondsPerRequest[floor],
          ...(nginxBest && { ratioToNginx: +(run.requestsPerSecond / nginxBest.requestsPerSecond).toFixed(2) }),
          gatewayRatio: +(gatewayBest.requestsPerSecond / run.requestsPerSecond).toFixed(2),
          gatewayCpuAbove: g.gateway - run.cpuMicrosecondsPerRequest[floor],
        },
      ];
    }),
  );
  say('');
  for (const [floor, figures] of Object.entries(floors)) {
    say(
      `${LABELS[floor]}: ${figures.cpuMicroseconds} µs of CPU per request` +
        (nginxBest ? `, ${figures.ratioToNginx} × nginx's req/s` : '') +
        `; the gateway reaches ${figures.gatewayRatio} × its req/s, at ${figures.gatewayCpuAbove} µs more CPU`,
    );
  }
  say('\ngoals (issue 17):');
  for (const check of checks) say(`  ${check.met ? 'met    ' : 'NOT met'}  ${check.goal}: ${check.value}`);
  say(`audit: ${JSON.stringify(audited)} gateway events; ${answered2xx} 2xx answers in the measured rounds`);

  const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const results = {
    revision,
    at: new Date().toISOString(),
    seconds: SECONDS,
    municipalities: MUNICIPALITIES.length,
    connectionsPerMunicipality: CONNECTIONS_PER_MUNICIPALITY,
    rounds,
    best: bests,
    floors,
    openLoop: open,
    goals: checks,
    audited,
  };
  mkdirSync('results', { recursive: true });
  const file = `results/bench-${results.at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`results written to ${file}`);
}

try {
  const tools = ensureCommands({ wrk: 'wrk', nginx: 'nginx-light' });
  if (!tools.wrk) throw new Error('wrk is needed for the closed-loop measurement and could not be installed');
  if (!tools.nginx) say('nginx-light is missing and could not be installed: the comparison with nginx is SKIPPED');

  scratch = await scratchDatabase('dm_bench');
  const { databaseUrl } = scratch;
  await seed(databaseUrl);

  const [simulatorPort, gatewayPort, workerPort, nginxPort, barePort, minimalPort, metricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const simulator = processes.start('simulator', { SIMULATOR_PORT: String(simulatorPort) });
  await waitReady(simulatorUrl);
  const keyFile = await connectPlatform(simulatorUrl);

  const platformEnv = {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `dm-bench-${process.pid}`,
    SIMULATOR_PUBLIC_URL: simulatorUrl,
    MASKINPORTEN_ISSUER: `${simulatorUrl}/maskinporten/`,
    MASKINPORTEN_CLIENT_ID: 'bench',
    MASKINPORTEN_KEY_JWK_FILE: keyFile,
    TENANT_DEFAULT_RATE_PER_MINUTE: '1000000',
  };
  // The request log as in production: a line per request, to a file.
  const gateway = processes.start(
    'gateway',
    { ...platformEnv, GATEWAY_PORT: String(gatewayPort), METRICS_PORT: String(metricsPort) },
    join(workDir, 'gateway.log'),
  );
  const worker = processes.start(
    'worker',
    { ...platformEnv, WORKER_PORT: String(workerPort) },
    join(workDir, 'worker.log'),
  );
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitReady(gatewayUrl);
  await waitReady(`http://127.0.0.1:${workerPort}`);
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const floorProcesses = {
    bare: processes.script(NODE_PROXY, [String(barePort), simulatorUrl]),
    // Configured as the gateway is: the same database, Redis, limits and audit keys.
    minimal: processes.script(NODE_PROXY, [String(minimalPort), simulatorUrl, 'guarantees'], platformEnv),
  };
  if (tools.nginx) nginx = await startNginx({ dir: workDir, port: nginxPort, upstreamPort: simulatorPort });

  const gatewayTargets = [];
  const refusedTargets = [];
  const upstreamTargets = [];
  for (const orgnr of MUNICIPALITIES) {
    const caller = await token(simulatorUrl, { consumerOrg: orgnr, scope: 'delingsmegler:api' });
    const upstream = await token(simulatorUrl, { consumerOrg: orgnr, supplierOrg: PLATFORM_ORG, scope: SCOPES[0] });
    const path = `/api/v1/${orgnr}${INNTEKT}`;
    gatewayTargets.push({ path, headers: { authorization: `Bearer ${caller}`, ...CONTEXT } });
    refusedTargets.push({ path, headers: { authorization: `Bearer ${caller}`, ...REFUSED_CONTEXT } });
    upstreamTargets.push({ path: INNTEKT, headers: { authorization: `Bearer ${upstream}` } });
  }
  const local = (port) => `http://127.0.0.1:${port}`;
  // nginx and the floors pass the call on as it is: they get Skatteetaten's own request.
  const paths = {
    ...(nginx ? { nginx: { origin: local(nginxPort), targets: upstreamTargets } } : {}),
    bare: { origin: local(barePort), targets: upstreamTargets },
    minimal: { origin: local(minimalPort), targets: upstreamTargets },
    gateway: { origin: gatewayUrl, targets: gatewayTargets },
    refusal: { origin: gatewayUrl, targets: refusedTargets },
  };
  for (const name of ['nginx', ...FLOORS]) if (paths[name]) await waitReady(paths[name].origin);

  const groups = {
    gateway: gateway.pid,
    postgres: 'postgres',
    redis: 'redis-server',
    simulator: simulator.pid,
    worker: worker.pid,
    bare: floorProcesses.bare.pid,
    minimal: floorProcesses.minimal.pid,
    ...(nginx ? { nginx: nginx.pid } : {}),
  };
  const cpuGroups = Object.keys(groups);
  say(`processes: ${JSON.stringify(groups)}`);
  const load = { connectionsPerTarget: CONNECTIONS_PER_MUNICIPALITY, seconds: SECONDS, groups, scriptDir: workDir };
  // Warm-up: connections, the gateway's token caches, JIT.
  await closedLoop({ ...load, seconds: 2, ...paths.gateway });
  if (paths.nginx) await closedLoop({ ...load, seconds: 2, ...paths.nginx });

  if (process.env.BENCH_GATEWAY_ONLY) {
    // For profiling (BENCH_PROFILE, strace): the allowed call alone, so that nothing else shows;
    // in the closed loop, or in the open loop at BENCH_OPEN_RATE requests a second.
    const rate = Number(process.env.BENCH_OPEN_RATE ?? 0);
    const before = await scrape(metricsUrl);
    if (rate > 0) {
      const open = await openLoop({ ...load, rate, ...paths.gateway });
      say(`open loop at ${rate} req/s: ${JSON.stringify(open)}`);
    } else {
      const closed = await closedLoop({ ...load, ...paths.gateway });
      say(row('inntekt through the gateway', closed, cpuGroups));
    }
    say(`the gateway meanwhile: ${JSON.stringify(gatewayInside(before, await scrape(metricsUrl), SECONDS))}`);
  } else {
    await measureAndReport({ paths, load, cpuGroups, databaseUrl, metricsUrl });
  }
} finally {
  nginx?.kill('SIGQUIT');
  await processes.stopAll();
  await scratch?.drop();
  rmSync(workDir, { recursive: true, force: true });
}
