import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Environment } from '#core';

export interface RunningProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a built app (dist/apps/<name>/src/main.js) as its own process, as `npm start` does. */
export function startProcess(name: string, env: Environment, port: number): RunningProcess {
  return spawnNode([`dist/apps/${name}/src/main.js`], env, port);
}

/** Runs `node <args>` (in `cwd`, default here) with only PATH and `env`, its output kept for the test. */
export function spawnNode(args: string[], env: Environment, port = 0, cwd?: string): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (err += chunk));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitExit(running: RunningProcess, timeoutMs = 15_000): Promise<number | null> {
  const { child } = running;
  // Already gone: a process ended by a signal keeps exitCode null and has its signalCode instead.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('process did not exit')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Generous: on a loaded two-core machine a process built from dist takes well over 20 s to be ready. */
export async function waitReady(running: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${running.url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (running.child.exitCode !== null) throw new Error(`exited early: ${running.stderr()}`);
    if (Date.now() > deadline) throw new Error(`not ready in time: ${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Gateway replicas as processes of their own, sharing the test's database and Redis; ready when returned. */
export async function startGatewayProcesses(env: Environment, count = 2): Promise<RunningProcess[]> {
  const gateways = await Promise.all(
    Array.from({ length: count }, async () => {
      const port = await freePort();
      return startProcess('gateway', { ...env, GATEWAY_PORT: String(port) }, port);
    }),
  );
  await Promise.all(gateways.map((gateway) => waitReady(gateway)));
  return gateways;
}
