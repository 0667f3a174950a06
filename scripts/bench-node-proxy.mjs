#!/usr/bin/env node
// The Node floors of the hot-path benchmark: the least a Node process can do for one proxied call.
//   bare:       node:http in, an undici keep-alive pool out; no checks, no audit, no log.
//   guarantees: the same, plus only the round trips the guarantees need, done the gateway's way:
//               the cached token check (a digest and a Map lookup), the shared rate and permit
//               (SharedLimits: one EVALSHA, the release coalesced), and an audit row committed
//               before the answer (group commit, one prepared multi-row INSERT into audit_events).
// What the gateway costs above the second is what the platform's own code adds; what the second
// costs is what the guarantees cost in Node on this machine.
// Usage: node scripts/bench-node-proxy.mjs <port> <upstream origin> [guarantees]
// (guarantees needs DATABASE_URL and REDIS_URL, and a built tree for SharedLimits).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { setImmediate } from 'node:timers';
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

/** `forward` behind the guarantees' round trips. */
async function guaranteed(forwardCall) {
  const [{ Redis }, { default: pg }, { SharedLimits }] = await Promise.all([
    import('ioredis'),
    import('pg'),
    import('#upstream'),
  ]);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    keyPrefix: `dm-bench-floor-${process.pid}:`,
    enableAutoPipelining: true,
  });
  const limits = new SharedLimits(redis, 5, 60_000);
  const database = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await database.connect();
  const audit = groupCommit(database);
  // Stands in for the verified-token cache: each caller is known after its first request.
  const callers = new Map();

  return async (request) => {
    const started = Date.now();
    const key = createHash('sha256')
      .update(request.headers.authorization ?? '')
      .digest('base64url');
    let caller = callers.get(key);
    if (!caller) callers.set(key, (caller = { orgnr: String(callers.size + 1).padStart(9, '9') }));
    const permit = await limits.acquire('inntekt', caller.orgnr, { orgnr: caller.orgnr, perMinute: 1_000_000 });
    let answer;
    try {
      answer = await forwardCall(request);
    } finally {
      void permit.release().catch(() => undefined);
    }
    await audit([new Date(started), caller.orgnr, key, answer.status, Date.now() - started]);
    return answer;
  };
}

/** Rows committed in batches: those that arrive while one INSERT runs go together in the next. */
function groupCommit(database) {
  const insert = {
    name: 'bench_floor_audit',
    text: `INSERT INTO audit_events (occurred_at, tenant_orgnr, subject_hash, http_status, latency_ms,
             kind, actor_type, actor_id, operation, decision)
           SELECT o, t, s, h, l, 'bench-floor', 'client', t, 'inntekt.bench', 'allow'
             FROM unnest($1::timestamptz[], $2::char(9)[], $3::text[], $4::int[], $5::int[]) AS r(o, t, s, h, l)`,
  };
  let queue = [];
  let running = false;
  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const values = batch[0].row.map((_, column) => batch.map(({ row }) => row[column]));
      await database.query({ ...insert, values }).then(
        () => batch.forEach(({ resolve }) => resolve()),
        (error) => batch.forEach(({ reject }) => reject(error)),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  };
  return (row) =>
    new Promise((resolve, reject) => {
      queue.push({ row, resolve, reject });
      if (!running) {
        running = true;
        void Promise.resolve().then(drain);
      }
    });
}
