import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { DomainError, type MaskinportenConfig } from '#core';
import { readPkcs12 } from './pkcs12.js';

/** The platform's signing key for grants, with what goes into the JWS header. */
export interface SigningKey {
  key: CryptoKey | Uint8Array;
  alg: MaskinportenConfig['alg'];
  /** Exactly one of kid and x5c is set. */
  kid?: string;
  x5c?: string[];
}

function misconfigured(detail: string, cause?: unknown): DomainError {
  return new DomainError('maskinporten-misconfigured', detail, { cause });
}

/** Base64 (not base64url) DER of each certificate in a PEM file, leaf first. */
export function certificateChainFromPem(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block).raw.toString('base64'));
}

/** Loads the key configured by MASKINPORTEN_KEY_* (JWK, PKCS#8 PEM or a PKCS#12 bundle). */
export async function loadSigningKey(config: MaskinportenConfig): Promise<SigningKey> {
  const { key: source, alg } = config;
  let key: CryptoKey | Uint8Array;
  let jwkKid: string | undefined;
  let bundledChain: string[] = [];
  try {
    if (source.jwkFile) {
      const jwk = JSON.parse(await readFile(source.jwkFile, 'utf8')) as JWK;
      if (!jwk.d) throw new Error('the JWK has no private part');
      jwkKid = jwk.kid;
      key = await importJWK({ ...jwk, alg }, alg);
    } else if (source.pemFile) {
      key = await importPKCS8(await readFile(source.pemFile, 'utf8'), alg);
    } else if (source.pkcs12File) {
      const bundle = readPkcs12(await readFile(source.pkcs12File), source.pkcs12Password);
      key = await importPKCS8(bundle.privateKeyPem, alg);
      bundledChain = bundle.certificateChain;
    } else {
      throw new Error('no signing key is configured (MASKINPORTEN_KEY_JWK_FILE or MASKINPORTEN_KEY_PEM_FILE)');
    }
  } catch (error) {
    throw misconfigured(`The Maskinporten signing key could not be loaded: ${(error as Error).message}`, error);
  }
  if (config.headerMode === 'x5c') {
    let x5c: string[] = bundledChain;
    try {
      // A PKCS#12 bundle carries its own certificate; a separate file takes precedence.
      if (config.certificateFile || x5c.length === 0)
        x5c = certificateChainFromPem(await readFile(config.certificateFile ?? '', 'utf8'));
    } catch (error) {
      throw misconfigured(`The Maskinporten certificate could not be loaded: ${(error as Error).message}`, error);
    }
    if (x5c.length === 0) throw misconfigured('The Maskinporten certificate file holds no certificate');
    return { key, alg, x5c };
  }
  const kid = config.keyId ?? jwkKid;
  if (!kid) throw misconfigured('kid header mode needs MASKINPORTEN_KEY_ID or a kid in the JWK');
  return { key, alg, kid };
}
