import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { ConfigError, loadConfig } from '#core';
import {
  CHECKPOINT_TYP,
  CheckpointSigner,
  loadRetiredPublicKeys,
  loadSigningJwk,
  TEST_ONLY_SIGNING_JWK,
} from './checkpoint-signer.js';

const config = (env: Record<string, string>) => loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', ...env });

describe('the checkpoint signer', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-signer-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses the test-only key in APP_ENV=test and refuses to run without a key in prod', () => {
    expect(loadSigningJwk(config({ APP_ENV: 'test' }))).toBe(TEST_ONLY_SIGNING_JWK);
    expect(() => loadSigningJwk(config({ APP_ENV: 'prod' }))).toThrow(ConfigError);
  });

  it('loads a P-256 key from AUDIT_SIGNING_KEY_FILE and signs ES256 checkpoints a JWKS consumer can verify', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const file = join(dir, 'key.json');
    await writeFile(file, JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'audit-2026' }));
    const signer = await CheckpointSigner.fromJwk(
      loadSigningJwk(config({ APP_ENV: 'prod', AUDIT_SIGNING_KEY_FILE: file })),
    );
    const jws = await signer.signCheckpoint({
      chain: 'c',
      seq: 1,
      hash: 'a'.repeat(64),
      sealedAt: '2026-01-01T00:00:00.000Z',
    });
    const jwks = signer.jwks();
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: 'audit-2026', alg: 'ES256', use: 'sig' }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks as never));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: 'audit-2026', typ: CHECKPOINT_TYP });
    expect(new TextDecoder().decode(payload)).toBe(
      `{"chain":"c","hash":"${'a'.repeat(64)}","sealedAt":"2026-01-01T00:00:00.000Z","seq":1}`,
    );
  });

  it('refuses a public-only or unsupported key file', async () => {
    const file = join(dir, 'public.json');
    await writeFile(file, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: TEST_ONLY_SIGNING_JWK.x }));
    expect(() => loadSigningJwk(config({ APP_ENV: 'prod', AUDIT_SIGNING_KEY_FILE: file }))).toThrow(/private JWK/);
    await writeFile(file, JSON.stringify({ kty: 'RSA', d: 'x', n: 'y', e: 'AQAB' }));
    expect(() => loadSigningJwk(config({ APP_ENV: 'prod', AUDIT_SIGNING_KEY_FILE: file }))).toThrow(
      /Ed25519 or EC\/P-256/,
    );
    expect(() =>
      loadSigningJwk(config({ APP_ENV: 'prod', AUDIT_SIGNING_KEY_FILE: join(dir, 'missing.json') })),
    ).toThrow(ConfigError);
  });

  it('keeps publishing retired public keys after a rotation, never their private parts', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const file = join(dir, 'retired.json');
    await writeFile(file, JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'audit-2025' }] }));
    const retired = loadRetiredPublicKeys(config({ APP_ENV: 'test', AUDIT_SIGNING_RETIRED_JWKS_FILE: file }));
    const signer = await CheckpointSigner.fromJwk(TEST_ONLY_SIGNING_JWK, retired);
    expect(signer.jwks().keys.map((key) => key.kid)).toEqual(['audit-test-only-1', 'audit-2025']);
    expect(JSON.stringify(signer.jwks())).not.toContain('"d"');
  });
});
