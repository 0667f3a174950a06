// Load generators and CPU accounting for the hot-path benchmark: wrk for the closed loop (as many
// requests as the connections can carry), an open loop at a fixed rate (latency counted from the
// moment a request was due, so queueing is not hidden), per-process CPU read from /proc, and
// nginx-light as the pass-through baseline. Debian's nginx-light and wrk are installed when missing.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs Debian packages for the commands that are missing; answers which commands are there. */
export function ensureCommands(packages) {
  const missing = Object.entries(packages).filter(([command]) => !onPath(command));
  if (missing.length > 0) {
    const names = missing.map(([, name]) => name);
    process.stdout.write(`installing ${names.join(', ')} from Debian's packages\n`);
    try {
      const quiet = {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      };
      execFileSync('apt-get', ['update', '-qq'], quiet);
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], quiet);
    } catch (error) {
      process.stdout.write(`could not install ${names.join(', ')}: ${error.message}\n`);
    }
  }
  return Object.fromEntries(Object.keys(packages).map((command) => [command, onPath(command)]));
}

// ---- CPU per process, from /proc -----------------------------------------------------------

function processTable() {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(entry), comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/**
 * CPU seconds per group of processes. A group is a pid (and its children) or a command name
 * (every process of that name: PostgreSQL's backends and its background writers).
 */
export function cpuSnapshot(groups) {
  const table = processTable();
  const snapshot = {};
  for (const [name, selector] of Object.entries(groups)) {
    const members = table.filter((p) =>
      typeof selector === 'number' ? p.pid === selector || p.ppid === selector : p.comm === selector,
    );
    snapshot[name] = new Map(members.map((p) => [p.pid, p.ticks]));
  }
  return snapshot;
}

/** Microseconds of CPU per request per group between two snapshots (a process that exited meanwhile is not counted). */
export function cpuPerRequest(before, after, requests) {
  const perRequest = {};
  for (const [name, now] of Object.entries(after)) {
    let ticks = 0;
    for (const [pid, value] of now) ticks += value - (before[name]?.get(pid) ?? 0);
    perRequest[name] = Math.round(((ticks / TICKS_PER_SECOND) * 1e6) / Math.max(1, requests));
  }
  return perRequest;
}

// ---- wrk: the closed loop --------------------------------------------------------------------

const WRK_SCRIPT = `
local targets = TARGETS
local next_index = 0
function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
end
function init(args)
  local target = targets[(index % #targets) + 1]
  wrk.path = target.path
  for name, value in pairs(target.headers) do wrk.headers[name] = value end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"durationUs":%d,"socketErrors":%d,"non2xx":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

const luaString = (value) => JSON.stringify(value);
const luaTargets = (targets) =>
  `{${targets
    .map(
      (t) =>
        `{path=${luaString(t.path)}, headers={${Object.entries(t.headers)
          .map(([name, value]) => `[${luaString(name)}]=${luaString(value)}`)
          .join(', ')}}}`,
    )
    .join(', ')}}`;

/**
 * wrk with one thread per target (a municipality), each with `connectionsPerTarget` keep-alive
 * connections. Returns requests/s, latency and the CPU per request of `groups` during the run.
 */
export async function closedLoop({ origin, targets, connectionsPerTarget, seconds, groups, scriptDir }) {
  const script = join(scriptDir, `wrk-${targets.length}-${Date.now()}.lua`);
  writeFileSync(script, WRK_SCRIPT.replace('TARGETS', luaTargets(targets)));
  const before = cpuSnapshot(groups);
  const output = await new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        `-t${targets.length}`,
        `-c${targets.length * connectionsPerTarget}`,
        `-d${seconds}s`,
        '--timeout',
        '5s',
        '-s',
        script,
        origin,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}`))));
  });
  const after = cpuSnapshot(groups);
  const line = output.split('\n').find((l) => l.startsWith('WRK '));
  if (!line) throw new Error(`wrk printed no summary: ${output}`);
  const raw = JSON.parse(line.slice(4));
  return {
    connections: targets.length * connectionsPerTarget,
    requests: raw.requests,
    requestsPerSecond: Math.round(raw.requests / (raw.durationUs / 1e6)),
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
    non2xx: raw.non2xx,
    socketErrors: raw.socketErrors,
    timeouts: raw.timeouts,
    cpuMicrosecondsPerRequest: cpuPerRequest(before, after, raw.requests),
  };
}

// ---- the open loop ---------------------------------------------------------------------------

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Requests due at a fixed rate, spread over the targets in turn, each target over its own pool of
 * `connectionsPerTarget` keep-alive connections. A request waits for a free connection when all
 * are busy, and its latency counts from when it was due: the queue shows in the figures.
 * The first second warms up and is not counted.
 */
export async function openLoop({ origin, targets, connectionsPerTarget, rate, seconds }) {
  const pools = targets.map(() => new Pool(origin, { connections: connectionsPerTarget, pipelining: 1 }));
  const intervalMs = 1000 / rate;
  const total = Math.floor(rate * (seconds + 1));
  const warmUp = Math.floor(rate);
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = [];
  const start = performance.now();
  const send = (index) => {
    const due = start + index * intervalMs;
    const target = targets[index % targets.length];
    return pools[index % targets.length]
      .request({ path: target.path, method: 'GET', headers: target.headers })
      .then(async ({ statusCode, body }) => {
        await body.dump();
        if (statusCode < 200 || statusCode > 299) non2xx++;
        if (index >= warmUp) latencies.push(performance.now() - due);
      })
      .catch(() => errors++);
  };
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      while (sent < due) inFlight.push(send(sent++));
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * intervalMs - performance.now())));
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  await Promise.all(pools.map((pool) => pool.close()));
  const sorted = Float64Array.from(latencies).sort();
  return {
    rate,
    requests: latencies.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]),
    non2xx,
    errors,
  };
}

const round = (ms) => Math.round(ms * 100) / 100;

// ---- nginx: the pass-through baseline ----------------------------------------------------------

/** nginx with one worker, `proxy_pass` over keep-alive connections to `upstreamPort`. */
export async function startNginx({ dir, port, upstreamPort }) {
  const config = join(dir, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  upstream simulator { server 127.0.0.1:${upstreamPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering on;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', config, '-p', `${dir}/`, '-e', 'stderr'], { stdio: 'inherit' });
  return child;
}
