import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { Environment } from '#core';

export interface ProductionEnv {
  env: Environment;
  remove(): void;
}

/**
 * A complete APP_ENV=prod configuration for gateway, admin and worker, as the chart gives it: real
 * https hosts (never called while starting), freshly generated keys in files, the test's database
 * and Redis. `base` is the test context's env (database, Redis prefix); `ownerUrl` the schema owner's.
 */
export async function productionEnv(base: Environment, ownerUrl = base.DATABASE_URL): Promise<ProductionEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'dm-prod-env-'));
  const maskinporten = await generateKeyPair('RS256', { extractable: true });
  const audit = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const maskinportenKeyFile = join(dir, 'maskinporten-key.json');
  const auditKeyFile = join(dir, 'audit-signing-key.json');
  writeFileSync(
    maskinportenKeyFile,
    JSON.stringify({ ...(await exportJWK(maskinporten.privateKey)), kid: 'mp-test', alg: 'RS256' }),
  );
  writeFileSync(auditKeyFile, JSON.stringify({ ...(await exportJWK(audit.privateKey)), kid: 'audit-test' }));
  const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
  // Deliveries to loopback are a test-environment allowance that production refuses.
  const { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: _testOnly, ...shared } = base;
  const env: Environment = {
    ...shared,
    APP_ENV: 'prod',
    DATABASE_OWNER_URL: ownerUrl,
    MASKINPORTEN_ISSUER: 'https://test.maskinporten.no/',
    MASKINPORTEN_CLIENT_ID: 'delingsmegler-image-check',
    MASKINPORTEN_KEY_JWK_FILE: maskinportenKeyFile,
    UPSTREAM_INNTEKT_URL: 'https://inntekt.api.skatteetaten-test.no',
    UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL: 'https://summertskattegrunnlag.api.skatteetaten-test.no',
    UPSTREAM_UTLEGGSTREKK_URL: 'https://api-test.sits.no/api/utleggstrekk',
    DECLARATION_INTAKE_URL: 'https://tilslutning.api.skatteetaten-test.no',
    OPERATOR_ISSUER: 'https://login.operator.example.invalid/realms/delingsmegler',
    AUDIT_SUBJECT_HMAC_KEYS: key('hmac-1'),
    AUDIT_SUBJECT_ENCRYPTION_KEYS: key('enc-1'),
    AUDIT_SIGNING_KEY_FILE: auditKeyFile,
    POLICY_SUBJECT_BLOCK_KEY: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET_ENCRYPTION_KEYS: key('webhook-1'),
  };
  return { env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
