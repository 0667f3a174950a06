#!/usr/bin/env node
// The Node floors of the hot-path benchmark: the least a Node process can do for one proxied call.
//   bare:       node:http in, an undici keep-alive pool out; no checks, no audit, no log.
//   guarantees: the same, plus only the round trips the guarantees need, done the gateway's way:
//               the cached token check (a digest and a Map lookup), the shared rate and permit
//               (SharedLimits: one EVALSHA, the release coalesced), and an audit event committed
//               before the answer (the AuditWriter: subject protection, group commit, one
//               prepared multi-row INSERT into audit_events).
// What the gateway costs above the second is what the platform's own code adds; what the second
// costs is what the guarantees cost in Node on this machine.
// Usage: node scripts/bench-node-proxy.mjs <port> <upstream origin> [guarantees]
// (guarantees needs DATABASE_URL, REDIS_URL as the platform reads them, and a built tree).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { Pool } from 'undici';

const [port, upstream, mode = 'bare'] = process.argv.slice(2);
const pool = new Pool(upstream, { connections: 16, pipelining: 1 });

const forward = async (request) => {
  const answer = await pool.request({
    method: 'GET',
    path: request.url,
    headers: { authorization: request.headers.authorization },
  });
  return {
    status: answer.statusCode,
    type: answer.headers['content-type'],
    body: Buffer.from(await answer.body.arrayBuffer()),
  };
};

const handle = mode === 'guarantees' ? await guaranteed(forward) : forward;

createServer((request, response) => {
  if (request.url === '/health/ready') return response.end('ok');
  handle(request).then(
    ({ status, type, body }) => {
      response.writeHead(status, { 'content-type': type ?? 'application/json', 'content-length': body.length });
      response.end(body);
    },
    () => response.writeHead(502).end(),
  );
}).listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));

/**
 * `forward` behind the guarantees' round trips, made by the platform's own parts: SharedLimits on
 * the platform's Redis connection, and the AuditWriter (subject protection, group commit, the
 * prepared INSERT) on its PostgreSQL pool, configured from the environment as the gateway is.
 */
async function guaranteed(forwardCall) {
  const [{ loadConfig }, { RedisClient, MetricsRegistry }, { SharedLimits }, database, audit, { DataSource }] =
    await Promise.all([
      import('#core'),
      import('#runtime'),
      import('#upstream'),
      import('#database'),
      import('#audit'),
      import('typeorm'),
    ]);
  const config = loadConfig({ ...process.env, APP_ENV: 'test', REDIS_PREFIX: `dm-bench-floor-${process.pid}` });
  const limits = new SharedLimits(
    new RedisClient(config),
    config.upstream.concurrencyLimit,
    config.upstream.deadlineMs + 5000,
  );
  const dataSource = await new DataSource(database.createDataSourceOptions(config.database)).initialize();
  const writer = new audit.AuditWriter(
    new audit.AuditRepository(dataSource),
    new audit.SubjectProtection(config.audit),
    new MetricsRegistry(),
    config,
  );
  // Stands in for the verified-token cache: each caller is known after its first request.
  const callers = new Map();

  return async (request) => {
    const started = Date.now();
    const key = createHash('sha256')
      .update(request.headers.authorization ?? '')
      .digest('base64url');
    let orgnr = callers.get(key);
    if (!orgnr) callers.set(key, (orgnr = String(callers.size + 1).padStart(9, '9')));
    const permit = await limits.acquire('inntekt', orgnr, { orgnr, perMinute: config.upstream.defaultRatePerMinute });
    let answer;
    try {
      answer = await forwardCall(request);
    } finally {
      void permit.release();
    }
    await writer.record({
      // Not a gateway request: the bench counts those apart.
      kind: 'bench-floor',
      tenantOrgnr: orgnr,
      occurredAt: new Date(started),
      actor: { type: 'municipality', id: orgnr },
      operation: 'inntekt.bench',
      decision: 'allow',
      subject: request.url.split('/')[4],
      httpStatus: answer.status,
      latencyMs: Date.now() - started,
    });
    return answer;
  };
}
