import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { loadConfig, type MaskinportenConfig } from '#core';
import { buildGrant } from './grant-builder.js';
import { loadSigningKey } from './signing-key.js';

describe('loadSigningKey', () => {
  let dir: string;
  const config = (env: Record<string, string>): MaskinportenConfig =>
    loadConfig({ APP_ENV: 'test', ...env }, { needsDatabase: false }).maskinporten;
  const grant = async (env: Record<string, string>) =>
    buildGrant(await loadSigningKey(config(env)), {
      issuer: 'https://test.maskinporten.no/',
      clientId: 'c',
      scopes: ['s'],
      now: 1_700_000_000,
      lifetimeSeconds: 60,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mp-signing-'));
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    writeFileSync(join(dir, 'key.json'), JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'jwk-kid' }));
    writeFileSync(join(dir, 'key.pem'), await exportPKCS8(privateKey));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-key',
        join(dir, 'key.pem'),
        '-subj',
        '/CN=test/serialNumber=991825827',
        '-days',
        '1',
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        join(dir, 'key.pem'),
        '-in',
        join(dir, 'cert.pem'),
        '-passout',
        'pass:hemmelig',
        '-out',
        join(dir, 'bundle.p12'),
      ],
      { stdio: 'ignore' },
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a private JWK and uses its kid (or MASKINPORTEN_KEY_ID)', async () => {
    expect(decodeProtectedHeader(await grant({ MASKINPORTEN_KEY_JWK_FILE: join(dir, 'key.json') }))).toEqual({
      alg: 'RS256',
      kid: 'jwk-kid',
    });
    expect(
      decodeProtectedHeader(
        await grant({ MASKINPORTEN_KEY_JWK_FILE: join(dir, 'key.json'), MASKINPORTEN_KEY_ID: 'other' }),
      ).kid,
    ).toBe('other');
  });

  it('loads a PKCS#8 PEM with a certificate for x5c (base64 DER, as an array)', async () => {
    const header = decodeProtectedHeader(
      await grant({
        MASKINPORTEN_KEY_PEM_FILE: join(dir, 'key.pem'),
        MASKINPORTEN_HEADER_MODE: 'x5c',
        MASKINPORTEN_CERTIFICATE_FILE: join(dir, 'cert.pem'),
        MASKINPORTEN_ALG: 'RS512',
      }),
    );
    expect(header.alg).toBe('RS512');
    expect(header.kid).toBeUndefined();
    expect(header.x5c).toHaveLength(1);
    expect(header.x5c?.[0]).toMatch(/^MII[A-Za-z0-9+/=]+$/);
  });

  it('loads a PKCS#12 bundle (virksomhetssertifikat) and sends its certificate as x5c', async () => {
    const bundle = {
      MASKINPORTEN_KEY_PKCS12_FILE: join(dir, 'bundle.p12'),
      MASKINPORTEN_KEY_PKCS12_PASSWORD: 'hemmelig',
      MASKINPORTEN_HEADER_MODE: 'x5c',
    };
    const header = decodeProtectedHeader(await grant(bundle));
    const fromPem = decodeProtectedHeader(
      await grant({
        MASKINPORTEN_KEY_PEM_FILE: join(dir, 'key.pem'),
        MASKINPORTEN_HEADER_MODE: 'x5c',
        MASKINPORTEN_CERTIFICATE_FILE: join(dir, 'cert.pem'),
      }),
    );
    expect(header.x5c).toEqual(fromPem.x5c);
    // The same key signs: the signature verifies with the public key of the PEM's certificate.
    const token = await grant(bundle);
    const { publicKey } = new X509Certificate(readFileSync(join(dir, 'cert.pem')));
    await expect(compactVerify(token, publicKey)).resolves.toBeDefined();
  });

  it('fails loudly as maskinporten-misconfigured without a key, with a PEM and no kid, or with a wrong PKCS#12 password', async () => {
    await expect(loadSigningKey(config({}))).rejects.toMatchObject({ code: 'maskinporten-misconfigured' });
    await expect(loadSigningKey(config({ MASKINPORTEN_KEY_PEM_FILE: join(dir, 'key.pem') }))).rejects.toMatchObject({
      code: 'maskinporten-misconfigured',
    });
    await expect(
      loadSigningKey(
        config({
          MASKINPORTEN_KEY_PKCS12_FILE: join(dir, 'bundle.p12'),
          MASKINPORTEN_KEY_PKCS12_PASSWORD: 'feil',
          MASKINPORTEN_HEADER_MODE: 'x5c',
        }),
      ),
    ).rejects.toMatchObject({
      code: 'maskinporten-misconfigured',
      detail: expect.stringContaining('could not be loaded'),
    });
  });

  it('refuses two key sources at once', () => {
    expect(() => config({ MASKINPORTEN_KEY_PEM_FILE: 'a', MASKINPORTEN_KEY_JWK_FILE: 'b' })).toThrow(/only one/);
  });
});
