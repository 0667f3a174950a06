import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Environment } from '#core';
import { freePort, type RunningProcess, startProcess, waitExit, waitReady } from '../support/processes.js';
import { createTestContext, type TestContext } from '../support/test-context.js';
import { productionEnv, type ProductionEnv } from './support/production-env.js';

// Under APP_ENV=prod a forgotten variable must never fall back to the simulator on loopback.
describe('the production profile (APP_ENV=prod)', () => {
  let context: TestContext;
  let production: ProductionEnv;

  beforeAll(async () => {
    context = await createTestContext();
    production = await productionEnv(context.env, context.ownerUrl);
  });

  afterAll(async () => {
    production.remove();
    await context.close();
  });

  const UNSET = undefined;
  const CASES: Array<[string, string, string | undefined, string]> = [
    ['gateway', 'UPSTREAM_INNTEKT_URL', UNSET, 'UPSTREAM_INNTEKT_URL is required under APP_ENV=prod'],
    [
      'gateway',
      'UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL',
      'http://summertskattegrunnlag.api.skatteetaten.no',
      'UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL must be an https URL to a host that is not loopback',
    ],
    [
      'gateway',
      'UPSTREAM_UTLEGGSTREKK_URL',
      'https://127.0.0.1:3100/utleggstrekk',
      'UPSTREAM_UTLEGGSTREKK_URL must be an https URL to a host that is not loopback',
    ],
    ['gateway', 'MASKINPORTEN_CLIENT_ID', UNSET, 'MASKINPORTEN_CLIENT_ID is required under APP_ENV=prod'],
    [
      'gateway',
      'MASKINPORTEN_KEY_JWK_FILE',
      UNSET,
      'one of MASKINPORTEN_KEY_JWK_FILE, MASKINPORTEN_KEY_PEM_FILE, MASKINPORTEN_KEY_PKCS12_FILE is required',
    ],
    [
      'gateway',
      'MASKINPORTEN_ISSUER',
      'http://127.0.0.1:3100/maskinporten/',
      'MASKINPORTEN_ISSUER must be an https URL to a host that is not loopback',
    ],
    [
      'gateway',
      'MASKINPORTEN_INBOUND_JWKS_URL',
      'https://localhost/maskinporten/jwk',
      'MASKINPORTEN_INBOUND_JWKS_URL must be an https URL to a host that is not loopback',
    ],
    ['admin', 'OPERATOR_ISSUER', UNSET, 'OPERATOR_ISSUER is required under APP_ENV=prod'],
    [
      'admin',
      'OPERATOR_ISSUER',
      'http://127.0.0.1:3100/idp',
      'OPERATOR_ISSUER must be an https URL to a host that is not loopback',
    ],
    [
      'admin',
      'OPERATOR_JWKS_URL',
      'https://[::1]:3100/idp/jwks',
      'OPERATOR_JWKS_URL must be an https URL to a host that is not loopback',
    ],
    [
      'worker',
      'DECLARATION_INTAKE_URL',
      'http://localhost:3100/skatteetaten/tilslutning',
      'DECLARATION_INTAKE_URL must be an https URL to a host that is not loopback',
    ],
    [
      'worker',
      'MASKINPORTEN_KEY_JWK_FILE',
      UNSET,
      'one of MASKINPORTEN_KEY_JWK_FILE, MASKINPORTEN_KEY_PEM_FILE, MASKINPORTEN_KEY_PKCS12_FILE is required',
    ],
    ['worker', 'UPSTREAM_UTLEGGSTREKK_URL', UNSET, 'UPSTREAM_UTLEGGSTREKK_URL is required under APP_ENV=prod'],
  ];

  it.each(CASES)('%s stops when %s is %s', async (name, variable, value, message) => {
    const running = startProcess(name, { ...production.env, [variable]: value } as Environment, 0);
    expect(await waitExit(running)).toBe(1);
    const lines = running.stderr().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${name}: cannot start: Invalid configuration: `))]);
    expect(lines[0]).toContain(message);
  });

  describe('admin, completely configured', () => {
    let admin: RunningProcess;
    let metricsPort: number;

    beforeAll(async () => {
      const port = await freePort();
      metricsPort = await freePort();
      admin = startProcess(
        'admin',
        { ...production.env, ADMIN_PORT: String(port), METRICS_PORT: String(metricsPort) },
        port,
      );
      await waitReady(admin);
    });

    afterAll(async () => {
      await admin.stop();
    });

    it('does not publish its API documentation', async () => {
      expect((await fetch(`${admin.url}/docs-json`)).status).toBe(404);
      expect((await fetch(`${admin.url}/docs`)).status).toBe(404);
    });

    it('serves /metrics only on METRICS_PORT', async () => {
      expect((await fetch(`${admin.url}/metrics`)).status).toBe(404);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('process_cpu_seconds_total');
    });
  });
});
