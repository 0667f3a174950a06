import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './env-reader.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dm' };

describe('onboarding configuration', () => {
  it('defaults the operator issuer to the simulator, leaves the intake off, and checks delegations hourly', () => {
    const { onboarding } = loadConfig({ ...valid, SIMULATOR_PUBLIC_URL: 'http://sim.local:3100/' });
    expect(onboarding.operatorAuth).toMatchObject({
      issuer: 'http://sim.local:3100/idp',
      jwksUrl: undefined,
      audience: 'delingsmegler-admin',
      clockSkewSeconds: 10,
    });
    expect(onboarding.operatorAuth.algorithms).not.toContain('HS256');
    expect(onboarding.intake).toEqual({ url: undefined, timeoutMs: 5000, attempts: 8, backoffMs: 1000 });
    expect(onboarding.documents).toEqual({ maxBytes: 10_485_760, retentionDays: 3650 });
    expect(onboarding.support).toEqual({
      name: 'KS Digitale fellestjenester',
      email: undefined,
      phone: undefined,
      url: undefined,
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
      DECLARATION_DOCUMENT_MAX_BYTES: '2048',
      DOCUMENT_RETENTION_DAYS: '30',
      OPERATOR_SUPPORT_NAME: 'Brukerstøtte',
      OPERATOR_SUPPORT_EMAIL: 'support@example.no',
      OPERATOR_SUPPORT_PHONE: '+47 22 00 00 00',
      OPERATOR_SUPPORT_URL: 'https://support.example.no',
    });
    expect(onboarding.operatorAuth).toMatchObject({
      issuer: 'https://login.example.no/realms/ops',
      jwksUrl: 'https://login.example.no/realms/ops/certs',
      audience: 'dm-admin',
      algorithms: ['ES256'],
    });
    expect(onboarding.intake.url).toBe('https://intake.example.no/tilslutning');
    expect(onboarding.delegationRecheckIntervalMs).toBe(0);
    expect(onboarding.documents).toEqual({ maxBytes: 2048, retentionDays: 30 });
    expect(onboarding.support).toEqual({
      name: 'Brukerstøtte',
      email: 'support@example.no',
      phone: '+47 22 00 00 00',
      url: 'https://support.example.no',
    });
  });

  it('refuses symmetric algorithms and a bad intake URL', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        ...valid,
        OPERATOR_ALGORITHMS: 'RS256,HS256',
        DECLARATION_INTAKE_URL: 'ftp://x',
        DECLARATION_DOCUMENT_MAX_BYTES: '10',
        OPERATOR_SUPPORT_EMAIL: 'nobody',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.join('\n')).toContain('OPERATOR_ALGORITHMS: HS256');
    expect(problems.join('\n')).toContain('DECLARATION_INTAKE_URL');
    expect(problems.join('\n')).toContain('DECLARATION_DOCUMENT_MAX_BYTES');
    expect(problems.join('\n')).toContain('OPERATOR_SUPPORT_EMAIL');
  });
});
