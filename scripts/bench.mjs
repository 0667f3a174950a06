#!/usr/bin/env node
// `npm run bench`: request throughput of the gateway process against a bare Fastify server measured
// in the same run (the machine is noisy, so only the ratio means much). Needs a built tree
// (`npm run build`), PostgreSQL (DATABASE_URL, default the local server) and Redis.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 20;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function measure(name, url, headers = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const line = { name, requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

async function waitReady(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('gateway not ready');
}

const baseline = Fastify();
baseline.get('/health/live', async () => ({ status: 'ok' }));
const baselinePort = await freePort();
await baseline.listen({ port: baselinePort, host: '127.0.0.1' });

const gatewayPort = await freePort();
const gateway = spawn(process.execPath, ['dist/apps/gateway/src/main.js'], {
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    GATEWAY_PORT: String(gatewayPort),
    LOG_LEVEL: 'warn',
  },
  stdio: 'inherit',
});
try {
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitReady(gatewayUrl);
  const base = await measure('baseline: bare fastify /health/live', `http://127.0.0.1:${baselinePort}/health/live`);
  const live = await measure('gateway /health/live', `${gatewayUrl}/health/live`);
  const problem = await measure('gateway 404 problem+json (logged)', `${gatewayUrl}/api/v1/974760673/unknown`);
  process.stdout.write(
    `ratios vs baseline: gateway live ${(live.requestsPerSecond / base.requestsPerSecond).toFixed(2)}, problem path ${(problem.requestsPerSecond / base.requestsPerSecond).toFixed(2)}\n`,
  );
} finally {
  gateway.kill('SIGTERM');
  await baseline.close();
}
