import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createAdminApp } from '#admin';
import { createWorkerApp } from '#worker';
import { type Environment, loadConfig } from '#core';
import { eventually } from '../support/eventually.js';
import { onboardMunicipality } from '../support/platform.js';
import { startSimulator, type SimulatorHandle } from '../support/simulator.js';
import { createTestContext, listen, type TestContext } from '../support/test-context.js';

export { eventually } from '../support/eventually.js';

export const ALL_ROLES = ['viewer', 'operator', 'incident-manager', 'auditor'] as const;
export type Role = (typeof ALL_ROLES)[number];

export const TENANT = '958935420';
export const OTHER_TENANT = '964965226';
export const SUPPLIER = '910753614';
export const SHA = 'a'.repeat(64);

/** The simulator, an admin app (in process, on a port) and optionally a worker, sharing one test database. */
export interface OnboardingRig {
  context: TestContext;
  sim: SimulatorHandle;
  admin: NestFastifyApplication;
  adminUrl: string;
  worker?: NestFastifyApplication;
  /** An operator token with these roles (cached per role set). */
  token(...roles: Role[]): Promise<string>;
  /** supertest against the admin API with a token of these roles. */
  as(...roles: Role[]): Promise<AdminClient>;
  close(): Promise<void>;
}

export interface AdminClient {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body: object): request.Test;
  delete(path: string): request.Test;
  /** POST raw bytes (a signed document) with this content type. */
  upload(path: string, bytes: Buffer, contentType?: string): request.Test;
}

export interface RigOptions {
  worker?: boolean;
  /** For admin and worker. */
  env?: Environment;
  /** For the worker alone. */
  workerEnv?: Environment;
  /** Switch the HTTP intake on, pointing at the simulator's (off by default, as in production). */
  intake?: boolean;
  /** Set-up at the simulator before the apps start; returns more variables (e.g. the platform's Maskinporten client). */
  prepare?: (sim: SimulatorHandle) => Promise<Environment>;
}

export async function startRig(options: RigOptions = {}): Promise<OnboardingRig> {
  const sim = await startSimulator();
  const extra = {
    ...(options.intake ? { DECLARATION_INTAKE_URL: `${sim.url}/skatteetaten/tilslutning` } : {}),
    ...(options.prepare ? await options.prepare(sim) : {}),
  };
  const context = await createTestContext({
    SIMULATOR_PUBLIC_URL: sim.url,
    MASKINPORTEN_ISSUER: sim.maskinportenIssuer,
    ...extra,
    ...options.env,
  });
  const admin = await createAdminApp(context.config);
  const adminUrl = await listen(admin);
  let worker: NestFastifyApplication | undefined;
  if (options.worker) {
    worker = await createWorkerApp(
      loadConfig({ ...context.env, DELEGATION_RECHECK_INTERVAL_SECONDS: '0', ...options.workerEnv }),
    );
    await worker.init();
  }
  const tokens = new Map<string, Promise<string>>();
  const token = (...roles: Role[]) => {
    const key = roles.join(',');
    if (!tokens.has(key))
      tokens.set(key, sim.control.mintOperatorToken({ sub: `op-${key || 'none'}@example.no`, roles }));
    return tokens.get(key) as Promise<string>;
  };
  return {
    context,
    sim,
    admin,
    adminUrl,
    worker,
    token,
    async as(...roles) {
      const bearer = `Bearer ${await token(...roles)}`;
      return {
        get: (path) => request(adminUrl).get(path).set('Authorization', bearer),
        post: (path, body) =>
          request(adminUrl)
            .post(path)
            .set('Authorization', bearer)
            .send(body ?? {}),
        patch: (path, body) => request(adminUrl).patch(path).set('Authorization', bearer).send(body),
        delete: (path) => request(adminUrl).delete(path).set('Authorization', bearer),
        upload: (path, bytes, contentType = 'application/pdf') =>
          request(adminUrl).post(path).set('Authorization', bearer).set('Content-Type', contentType).send(bytes),
      };
    },
    async close() {
      await worker?.close();
      await admin.close();
      await sim.close();
      await context.close();
    },
  };
}

/**
 * The municipality granted the scope and delegating it to the platform (at the simulator), the
 * delegation of the API registered, and waited for until its check says verified.
 */
export async function verifiedDelegation(
  rig: OnboardingRig,
  client: AdminClient,
  orgnr: string,
  api: string,
  scope: string,
): Promise<void> {
  await onboardMunicipality(rig.sim.control, orgnr, scope);
  await client.post(`/admin/v1/tenants/${orgnr}/delegations`, { api }).expect(202);
  await eventually(
    async () => (await client.get(`/admin/v1/tenants/${orgnr}/delegations`).expect(200)).body[0]?.status === 'verified',
  );
}

/** The terms version the onboarding suites publish first, and their declarations are signed under. */
export const TERMS_VERSION = '2026-11';

/** The first terms version the onboarding suites publish (POST /admin/v1/terms), with any field replaced. */
export function termsBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: TERMS_VERSION,
    publishedAt: '2026-11-01T00:00:00Z',
    changelog: 'Første versjon',
    requiresResign: false,
    ...overrides,
  };
}

export function declarationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    termsVersion: TERMS_VERSION,
    signedBy: 'Kari Nordmann',
    signedAt: '2026-11-20T10:00:00Z',
    documentSha256: SHA,
    environment: 'test',
    apis: ['inntekt', 'summertskattegrunnlag'],
    legalBases: ['eigedomsskattelova-27'],
    ...overrides,
  };
}

/** A small signed "PDF" (the platform checks the %PDF- header and the SHA-256, not the rest) and its hash. */
export function signedPdf(label = 'tilslutningserklæring'): { bytes: Buffer; sha256: string } {
  const bytes = Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, 'utf8');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
