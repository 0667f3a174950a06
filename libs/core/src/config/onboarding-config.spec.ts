import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './env-reader.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dm' };

describe('onboarding configuration', () => {
  it('defaults the operator issuer and the intake to the simulator, and checks delegations hourly', () => {
    const { onboarding } = loadConfig({ ...valid, SIMULATOR_PUBLIC_URL: 'http://sim.local:3100/' });
    expect(onboarding.operatorAuth).toMatchObject({
      issuer: 'http://sim.local:3100/idp',
      jwksUrl: undefined,
      audience: 'delingsmegler-admin',
      clockSkewSeconds: 10,
    });
    expect(onboarding.operatorAuth.algorithms).not.toContain('HS256');
    expect(onboarding.intake).toEqual({
      url: 'http://sim.local:3100/skatteetaten/tilslutning',
      timeoutMs: 5000,
      attempts: 8,
      backoffMs: 1000,
    });
    expect(onboarding.delegationRecheckIntervalMs).toBe(3_600_000);
  });

  it('takes the settings from the environment', () => {
    const { onboarding } = loadConfig({
      ...valid,
      OPERATOR_ISSUER: 'https://login.example.no/realms/ops',
      OPERATOR_JWKS_URL: 'https://login.example.no/realms/ops/certs',
      OPERATOR_AUDIENCE: 'dm-admin',
      OPERATOR_ALGORITHMS: 'ES256',
      DECLARATION_INTAKE_URL: 'https://intake.example.no/tilslutning',
      DELEGATION_RECHECK_INTERVAL_SECONDS: '0',
    });
    expect(onboarding.operatorAuth).toMatchObject({
      issuer: 'https://login.example.no/realms/ops',
      jwksUrl: 'https://login.example.no/realms/ops/certs',
      audience: 'dm-admin',
      algorithms: ['ES256'],
    });
    expect(onboarding.intake.url).toBe('https://intake.example.no/tilslutning');
    expect(onboarding.delegationRecheckIntervalMs).toBe(0);
  });

  it('refuses symmetric algorithms and a bad intake URL', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...valid, OPERATOR_ALGORITHMS: 'RS256,HS256', DECLARATION_INTAKE_URL: 'ftp://x' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.join('\n')).toContain('OPERATOR_ALGORITHMS: HS256');
    expect(problems.join('\n')).toContain('DECLARATION_INTAKE_URL');
  });
});
