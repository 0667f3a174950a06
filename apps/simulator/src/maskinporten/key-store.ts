import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** How many keys stay published: the signing key and the one before it (tokens it signed still verify). */
const PUBLISHED_KEYS = 2;

/** RS256 signing keys of one issuer, in memory, with rotation. */
export class SigningKeyStore {
  private keys: Promise<SigningKey[]>;

  constructor(private readonly prefix: string) {
    this.keys = this.newKey().then((key) => [key]);
  }

  /** A new key signs from now on; the previous one stays in the JWKS. */
  async rotate(): Promise<{ kid: string }> {
    const next = await this.newKey();
    const keys = await this.keys;
    this.keys = Promise.resolve([next, ...keys].slice(0, PUBLISHED_KEYS));
    return { kid: next.kid };
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.keys).map((key) => ({ ...key.publicJwk })) };
  }

  async sign(claims: JWTPayload): Promise<string> {
    const [current] = await this.keys;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'JWT' })
      .sign(current.privateKey);
  }

  private async newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `${this.prefix}-${randomUUID()}`;
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }
}
