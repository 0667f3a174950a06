#!/usr/bin/env node
// `npm run bench`: throughput of the gateway measured against baselines in the same run (the
// machine is noisy, so only the ratios mean much):
//   - /health/live of the gateway against a bare Fastify server;
//   - a whole upstream call through the gateway (token check, policy, limits, Maskinporten token,
//     proxy, audit committed before the answer) against the same call straight to the simulator.
// Needs a built tree (`npm run build`), PostgreSQL (DATABASE_URL, default the local server; a
// scratch database is created and dropped, and the two database roles if missing) and Redis.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import { freePort, onServer, post, Processes, scratchDatabase, waitReady } from './bench-support.mjs';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const KOMMUNE = '974760673';
const PLATFORM_ORG = '991825827';
const SCOPES = [
  'skatteetaten:inntekt',
  'skatteetaten:summertskattegrunnlag',
  'skatteetaten:utleggstrekkbeslutningkommune',
];
const INNTEKT = `/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`;
const CONTEXT = {
  'x-legal-basis': 'vegtrafikkloven-38',
  'x-purpose': 'innkreving-kommunale-krav',
  'x-case-reference': 'BENCH-1',
  'x-end-user': 'bench',
};

const processes = new Processes();
const keyDir = mkdtempSync(join(tmpdir(), 'dm-bench-'));
let scratch;

async function measure(name, url, headers = {}, connections = 20) {
  const result = await autocannon({ url, connections, duration: DURATION_S, headers });
  const line = {
    name,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

const baseline = Fastify();
baseline.get('/health/live', async () => ({ status: 'ok' }));
try {
  scratch = await scratchDatabase('dm_bench');
  const { databaseUrl } = scratch;
  await onServer(
    [
      [
        `INSERT INTO terms_versions (version, published_at, effective_from, changelog) VALUES ('bench', now(), now() - interval '1 day', 'bench')`,
      ],
      [`INSERT INTO tenants (orgnr, name) VALUES ($1, 'Bench kommune')`, [KOMMUNE]],
      [
        `INSERT INTO declarations (tenant_orgnr, terms_version, signed_by, signed_at, document_sha256, environment, apis, legal_bases, existing_agreement, status)
         VALUES ($1, 'bench', 'bench', now(), repeat('a', 64), 'test', '{inntekt,summertskattegrunnlag,utleggstrekk}', '{vegtrafikkloven-38}', true, 'active')`,
        [KOMMUNE],
      ],
    ],
    databaseUrl,
  );

  const [baselinePort, simulatorPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  await baseline.listen({ port: baselinePort, host: '127.0.0.1' });
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  processes.start('simulator', { SIMULATOR_PORT: String(simulatorPort) });
  await waitReady(simulatorUrl);

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const keyFile = join(keyDir, 'key.json');
  writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'bench' }), { mode: 0o600 });
  await post(`${simulatorUrl}/_sim/clients`, {
    clientId: 'bench',
    orgnr: PLATFORM_ORG,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] },
    scopes: SCOPES,
  });
  for (const scope of SCOPES) {
    await post(`${simulatorUrl}/_sim/scope-access`, { orgnr: KOMMUNE, scope });
    await post(`${simulatorUrl}/_sim/delegations`, { consumerOrg: KOMMUNE, supplierOrg: PLATFORM_ORG, scope });
  }

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  processes.start('gateway', {
    DATABASE_URL: databaseUrl,
    GATEWAY_PORT: String(gatewayPort),
    REDIS_PREFIX: `dm-bench-${process.pid}`,
    SIMULATOR_PUBLIC_URL: simulatorUrl,
    MASKINPORTEN_ISSUER: `${simulatorUrl}/maskinporten/`,
    MASKINPORTEN_CLIENT_ID: 'bench',
    MASKINPORTEN_KEY_JWK_FILE: keyFile,
    TENANT_DEFAULT_RATE_PER_MINUTE: '1000000',
  });
  await waitReady(gatewayUrl);
  const callerToken = (
    await post(`${simulatorUrl}/_sim/tokens`, { consumerOrg: KOMMUNE, scope: 'delingsmegler:api', expiresIn: 3600 })
  ).access_token;
  const upstreamToken = (
    await post(`${simulatorUrl}/_sim/tokens`, {
      consumerOrg: KOMMUNE,
      supplierOrg: PLATFORM_ORG,
      scope: SCOPES[0],
      expiresIn: 3600,
    })
  ).access_token;

  const base = await measure('baseline: bare fastify /health/live', `http://127.0.0.1:${baselinePort}/health/live`);
  const live = await measure('gateway /health/live', `${gatewayUrl}/health/live`);
  // Skatteetaten (and the simulator) allow five concurrent calls per API per organisation.
  const direct = await measure(
    'baseline: inntekt straight to the simulator',
    `${simulatorUrl}${INNTEKT}`,
    { authorization: `Bearer ${upstreamToken}` },
    5,
  );
  const proxied = await measure(
    'inntekt through the gateway',
    `${gatewayUrl}/api/v1/${KOMMUNE}${INNTEKT}`,
    { authorization: `Bearer ${callerToken}`, ...CONTEXT },
    5,
  );
  const refused = await measure('gateway policy refusal (audited)', `${gatewayUrl}/api/v1/${KOMMUNE}${INNTEKT}`, {
    authorization: `Bearer ${callerToken}`,
  });
  const ratio = (a, b) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
  process.stdout.write(
    `ratios: gateway live / bare fastify ${ratio(live, base)}; inntekt through the gateway / straight to the simulator ${ratio(proxied, direct)}; audited refusal / bare fastify ${ratio(refused, base)}\n`,
  );
} finally {
  await processes.stopAll();
  await baseline.close();
  await scratch?.drop();
  rmSync(keyDir, { recursive: true, force: true });
}
