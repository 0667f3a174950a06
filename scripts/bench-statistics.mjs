#!/usr/bin/env node
// `npm run bench` (second part): GET /admin/v1/statistics over a year of 10 million generated
// gateway events, answered from the usage rollup. The events are generated in PostgreSQL and
// counted with the sealer's grouping (UTC hour and day × municipality, API, legal basis,
// decision, refusal code); the admin process answers over HTTP with an operator token. Each
// query is timed against a trivial admin request measured in the same run (the machine is noisy).
// Needs a built tree, PostgreSQL (DATABASE_URL; a scratch database is created and dropped) and Redis.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { freePort, onServer, post, Processes, scratchDatabase, waitReady } from './bench-support.mjs';

const EVENTS = Number(process.env.BENCH_STATISTICS_EVENTS ?? 10_000_000);
const ROUNDS = Number(process.env.BENCH_STATISTICS_ROUNDS ?? 15);
const GOAL_MS = 200;
const YEAR_START = '2025-01-01T00:00:00Z';
const YEAR_END = '2026-01-01T00:00:00Z';
const ONE_TENANT = '900000003';

const processes = new Processes();

/** Generated events, counted as the sealer counts them: skewed over 100 municipalities, 5 % refused. */
const GENERATE = `
  INSERT INTO usage_hourly (bucket, tenant_orgnr, api, legal_basis, decision, reason_code, calls)
  SELECT date_trunc('hour', ts), tenant, api, legal_basis, decision, reason_code, count(*)
    FROM (
      SELECT timestamptz '${YEAR_START}' + random() * interval '365 days' AS ts,
             (900000000 + floor(power(random(), 2) * 100))::text AS tenant,
             (ARRAY['inntekt', 'summertskattegrunnlag', 'utleggstrekk'])[1 + floor(random() * 3)::int] AS api,
             (ARRAY['vegtrafikkloven-38', 'eigedomsskattelova-27', 'tvangsfullbyrdelsesloven-7-2'])[1 + floor(random() * 3)::int] AS legal_basis,
             CASE WHEN r < 0.95 THEN 'allow' ELSE 'deny' END AS decision,
             CASE WHEN r < 0.95 THEN '' ELSE (ARRAY['purpose-not-allowed', 'subject-blocked', 'rate-limit-exceeded', 'terms-not-signed'])[1 + floor(random() * 4)::int] END AS reason_code
        FROM (SELECT random() AS r FROM generate_series(1, ${EVENTS})) AS draws
    ) AS events
   GROUP BY 1, 2, 3, 4, 5, 6`;
const DAILY = `
  INSERT INTO usage_daily (day, tenant_orgnr, api, legal_basis, decision, reason_code, calls)
  SELECT (bucket AT TIME ZONE 'UTC')::date, tenant_orgnr, api, legal_basis, decision, reason_code, sum(calls)
    FROM usage_hourly GROUP BY 1, 2, 3, 4, 5, 6`;
const MONTHLY = `
  INSERT INTO usage_monthly (month, tenant_orgnr, api, legal_basis, decision, reason_code, calls)
  SELECT date_trunc('month', day)::date, tenant_orgnr, api, legal_basis, decision, reason_code, sum(calls)
    FROM usage_daily GROUP BY 1, 2, 3, 4, 5, 6`;

const QUERIES = [
  [
    'a year by month, all municipalities, by decision',
    `granularity=month&from=${YEAR_START}&to=${YEAR_END}&by=decision`,
  ],
  ['a year by month, by municipality and API', `granularity=month&from=${YEAR_START}&to=${YEAR_END}&by=tenant,api`],
  [
    'a quarter by day, all, by refusal code',
    'granularity=day&from=2025-10-01T00:00:00Z&to=2026-01-01T00:00:00Z&by=decision,reasonCode',
  ],
  ['two days by hour, all, by API', 'granularity=hour&from=2025-12-30T00:00:00Z&to=2026-01-01T00:00:00Z&by=api'],
  [
    '30 days by day, all, by decision (overview)',
    'granularity=day&from=2025-12-02T00:00:00Z&to=2026-01-01T00:00:00Z&by=decision',
  ],
  [
    '24 hours by hour, all, by decision (overview)',
    'granularity=hour&from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&by=decision',
  ],
  [
    `30 days by day, one municipality, by API, decision and code`,
    `granularity=day&from=2025-12-02T00:00:00Z&to=2026-01-01T00:00:00Z&tenant=${ONE_TENANT}&by=api,decision,reasonCode`,
  ],
];

async function timed(url, token) {
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    samples.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], maxMs: samples.at(-1) };
}

const results = { events: EVENTS, goalMs: GOAL_MS, queries: [] };
let scratch;
try {
  scratch = await scratchDatabase('dm_bench_stats');
  const { ownerUrl, databaseUrl } = scratch;
  let started = performance.now();
  await onServer(
    [
      ['SELECT setseed(0.42)'],
      [GENERATE],
      [DAILY],
      [MONTHLY],
      ['ANALYZE usage_hourly'],
      ['ANALYZE usage_daily'],
      ['ANALYZE usage_monthly'],
    ],
    ownerUrl,
  );
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const [{ hourly, daily, calls }] = (
    await client.query(
      `SELECT (SELECT count(*) FROM usage_hourly)::int AS hourly, (SELECT count(*) FROM usage_daily)::int AS daily,
              (SELECT sum(calls) FROM usage_daily)::bigint AS calls`,
    )
  ).rows;
  await client.end();
  Object.assign(results, {
    hourlyRows: hourly,
    dailyRows: daily,
    generateSeconds: (performance.now() - started) / 1000,
  });
  process.stdout.write(
    `statistics: ${calls} generated events → ${hourly} hourly and ${daily} daily rollup rows in ${results.generateSeconds.toFixed(0)} s\n`,
  );

  const [simulatorPort, adminPort] = [await freePort(), await freePort()];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  processes.start('simulator', { SIMULATOR_PORT: String(simulatorPort) });
  await waitReady(simulatorUrl);
  processes.start('admin', {
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_ADMIN_START: 'false',
    ADMIN_PORT: String(adminPort),
    REDIS_PREFIX: `dm-bench-stats-${process.pid}`,
    SIMULATOR_PUBLIC_URL: simulatorUrl,
  });
  await waitReady(adminUrl);
  const { access_token: token } = await post(`${simulatorUrl}/_sim/operator-tokens`, {
    sub: 'bench@operator',
    roles: ['viewer'],
  });

  started = performance.now();
  const baseline = await timed(`${adminUrl}/admin/v1/terms`, token);
  process.stdout.write(
    `  baseline: GET /admin/v1/terms                        median ${baseline.medianMs.toFixed(1)} ms\n`,
  );
  let worst = 0;
  for (const [name, query] of QUERIES) {
    const measured = await timed(`${adminUrl}/admin/v1/statistics?${query}`, token);
    worst = Math.max(worst, measured.medianMs);
    results.queries.push({ name, query, ...measured, ratioToBaseline: measured.medianMs / baseline.medianMs });
    process.stdout.write(
      `  ${name.padEnd(62)} median ${measured.medianMs.toFixed(1).padStart(6)} ms  max ${measured.maxMs.toFixed(1).padStart(6)} ms  (${(measured.medianMs / baseline.medianMs).toFixed(1)}× baseline)\n`,
    );
  }
  results.baseline = baseline;
  results.worstMedianMs = worst;
  process.stdout.write(`statistics: worst median ${worst.toFixed(1)} ms (goal: under ${GOAL_MS} ms)\n`);
  mkdirSync('results', { recursive: true });
  const file = `results/bench-statistics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results written to ${file}\n`);
} finally {
  await processes.stopAll();
  await scratch?.drop();
}
