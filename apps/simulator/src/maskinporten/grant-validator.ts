import {
  calculateJwkThumbprint,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  importJWK,
  importX509,
  type JWK,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { Orgnr } from '#core';
import type { ClientRegistry, RegisteredClient } from './client-registry.js';
import type { JtiStore } from './jti-store.js';
import { MaskinportenError } from './maskinporten-error.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const ALLOWED_CLAIMS = new Set([
  'aud',
  'iss',
  'scope',
  'iat',
  'exp',
  'jti',
  'consumer_org',
  'resource',
  'authorization_details',
]);
const CLOCK_SKEW_SECONDS = 10;
const MAX_GRANT_LIFETIME_SECONDS = 120;

/** A grant that passed every rule. */
export interface ValidGrant {
  client: RegisteredClient;
  scopes: string[];
  /** Set when the client acts for a consumer through an Altinn delegation. */
  consumerOrg?: string;
  resource?: string | string[];
  authorizationDetails?: unknown;
}

/**
 * The token endpoint's rules for a JWT grant (maskinporten.md §2), strictest reading. x5c: the leaf
 * certificate's public key must equal one of the client's registered JWKs (by thumbprint); anything
 * else is refused (MP-120), and x5c that is not an array of base64 DER strings gives MP-123.
 */
export class GrantValidator {
  constructor(
    private readonly issuer: string,
    private readonly clients: ClientRegistry,
    private readonly jtis: JtiStore,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Claims of the assertion for the request log, or undefined when it does not decode. */
  static peekClaims(assertion: unknown): Record<string, unknown> | undefined {
    try {
      return typeof assertion === 'string' ? decodeJwt(assertion) : undefined;
    } catch {
      return undefined;
    }
  }

  async validate(form: Record<string, unknown> | undefined): Promise<ValidGrant> {
    if (!form || typeof form !== 'object') throw MaskinportenError.invalidRequest('Missing grant_type and assertion');
    if (form.grant_type !== JWT_BEARER)
      throw MaskinportenError.invalidRequest('Invalid grant_type. Only jwt-bearer is supported');
    const assertion = form.assertion;
    if (typeof assertion !== 'string' || assertion === '') throw MaskinportenError.invalidRequest('Missing assertion');

    let header: ProtectedHeaderParameters;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      throw MaskinportenError.invalidRequest('Invalid assertion. Invalid parameter value');
    }
    if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
      throw MaskinportenError.invalidGrant(
        'MP-124',
        'Invalid assertion. Client authentication failed. Invalid JWT signature algorithm',
      );
    }
    const extra = Object.keys(claims).filter((claim) => !ALLOWED_CLAIMS.has(claim));
    if (extra.length > 0) throw MaskinportenError.invalidRequest('Invalid assertion. Unknown claims in the JWT grant');
    const { iss, aud, scope, iat, exp, jti } = claims;
    if (
      typeof iss !== 'string' ||
      typeof scope !== 'string' ||
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      typeof jti !== 'string' ||
      jti === ''
    ) {
      throw MaskinportenError.invalidRequest('Invalid assertion. Invalid parameter value');
    }

    const client = this.clients.get(iss);
    if (!client)
      throw MaskinportenError.invalidGrant(
        'MP-100',
        'Invalid assertion. Client authentication failed. Client not found',
      );
    if (aud !== this.issuer)
      throw MaskinportenError.invalidGrant(
        'MP-110',
        'Invalid assertion. Client authentication failed. Invalid JWT claim aud',
      );

    await this.verifySignature(assertion, header, client);
    const now = Math.floor(this.nowMs() / 1000);
    this.checkTimes(iat, exp, now);
    if (!this.jtis.claim(client.clientId, jti, exp, now))
      throw MaskinportenError.invalidGrant('MP-012', 'Invalid assertion. Grant is used before');

    const scopes = scope.split(' ').filter(Boolean);
    if (scopes.length === 0) throw MaskinportenError.invalidRequest('Invalid assertion. Invalid parameter value');
    const consumerOrg = this.checkConsumer(claims.consumer_org, client, scopes);
    return {
      client,
      scopes,
      consumerOrg,
      resource: claims.resource as string | string[] | undefined,
      authorizationDetails: claims.authorization_details,
    };
  }

  private async verifySignature(
    assertion: string,
    header: ProtectedHeaderParameters,
    client: RegisteredClient,
  ): Promise<void> {
    const alg = header.alg as string;
    if (header.kid !== undefined && header.x5c !== undefined) {
      throw MaskinportenError.invalidGrant(
        'MP-123',
        'Invalid assertion. Client authentication failed. Both kid and x5c in the JWT header',
      );
    }
    let key: CryptoKey;
    if (header.x5c !== undefined) {
      key = await this.certificateKey(header.x5c, client, alg);
    } else {
      if (typeof header.kid !== 'string') {
        throw MaskinportenError.invalidGrant(
          'MP-123',
          'Invalid assertion. Client authentication failed. The client requires pre-registered jwk and no key identifier (kid) provided',
        );
      }
      const jwk = client.keys.find((candidate) => candidate.kid === header.kid);
      if (!jwk)
        throw MaskinportenError.invalidGrant(
          'MP-124',
          'Invalid assertion. Client authentication failed. Unknown key identifier (kid) for client',
        );
      this.checkKeyExpiry(jwk);
      key = await this.importRegistered(jwk, alg);
    }
    try {
      await compactVerify(assertion, key, { algorithms: [alg] });
    } catch {
      throw MaskinportenError.invalidGrant(
        'MP-124',
        'Invalid assertion. Client authentication failed. Invalid JWT signature',
      );
    }
  }

  private async certificateKey(x5c: unknown, client: RegisteredClient, alg: string): Promise<CryptoKey> {
    if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((cert) => typeof cert === 'string')) {
      throw MaskinportenError.invalidGrant(
        'MP-123',
        'Invalid assertion. Client authentication failed. Invalid JWT header x5c',
      );
    }
    let key: CryptoKey;
    try {
      const pem = `-----BEGIN CERTIFICATE-----\n${(x5c[0] as string).match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----`;
      key = await importX509(pem, alg, { extractable: true });
    } catch {
      throw MaskinportenError.invalidGrant(
        'MP-123',
        'Invalid assertion. Client authentication failed. Invalid JWT header x5c',
      );
    }
    const thumbprint = await calculateJwkThumbprint(await exportJWK(key));
    for (const jwk of client.keys) {
      if ((await safeThumbprint(jwk)) === thumbprint) {
        this.checkKeyExpiry(jwk);
        return key;
      }
    }
    throw MaskinportenError.invalidGrant(
      'MP-120',
      'Invalid assertion. Client authentication failed. Signed with an invalid certificate',
    );
  }

  private checkKeyExpiry(jwk: JWK): void {
    const keyExp = (jwk as JWK & { exp?: unknown }).exp;
    if (typeof keyExp === 'number' && keyExp * 1000 <= this.nowMs()) {
      throw MaskinportenError.invalidGrant('MP-121', 'Invalid assertion. Client authentication failed. Expired key');
    }
  }

  private async importRegistered(jwk: JWK, alg: string): Promise<CryptoKey> {
    try {
      return (await importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, alg)) as CryptoKey;
    } catch {
      throw MaskinportenError.invalidGrant(
        'MP-124',
        'Invalid assertion. Client authentication failed. Invalid JWT signature',
      );
    }
  }

  private checkTimes(iat: number, exp: number, now: number): void {
    if (Math.abs(iat - now) > CLOCK_SKEW_SECONDS) {
      throw MaskinportenError.invalidGrant(
        'MP-130',
        'Invalid assertion. Issue time (iat) is not within 10 seconds of now',
      );
    }
    if (exp - iat > MAX_GRANT_LIFETIME_SECONDS) {
      throw MaskinportenError.invalidGrant(
        'MP-130',
        'Invalid assertion. The JWT lifetime (exp - iat) exceeds 120 seconds',
      );
    }
    if (exp <= now) throw MaskinportenError.invalidGrant('MP-130', 'Invalid assertion. JWT is expired');
  }

  /** Returns the consumer org when the grant is on behalf of one; checks scope rules either way. */
  private checkConsumer(consumerOrg: unknown, client: RegisteredClient, scopes: string[]): string | undefined {
    if (consumerOrg === undefined) {
      const missing = scopes.filter((scope) => !client.scopes.includes(scope));
      if (missing.length > 0) {
        throw new MaskinportenError(
          400,
          'invalid_scope',
          `Token request contains invalid scopes for client, ${missing.join(' ')}`,
          'MP-200',
        );
      }
      return undefined;
    }
    if (!Orgnr.isValid(consumerOrg))
      throw MaskinportenError.invalidRequest('Invalid assertion. consumer_org is not a valid organization number');
    const consumer = consumerOrg as string;
    if (consumer === client.orgnr) {
      throw MaskinportenError.invalidRequest(
        'The combination consumer_org in claim and delegation scope on client is invalid',
        'MP-011',
      );
    }
    for (const scope of scopes) {
      if (!this.clients.hasScopeAccess(consumer, scope)) {
        throw new MaskinportenError(
          403,
          'forbidden',
          `Consumer has not been granted access to the scope ${scope}`,
          'MP-250',
        );
      }
      if (!this.clients.hasDelegation(consumer, client.orgnr, scope)) {
        throw new MaskinportenError(
          403,
          'forbidden',
          `Consumer ${consumer} has not delegated access to the scope ${scope} to supplier ${client.orgnr}`,
          'MP-251',
        );
      }
    }
    return consumer;
  }
}

async function safeThumbprint(jwk: JWK): Promise<string | undefined> {
  try {
    return await calculateJwkThumbprint({ kty: jwk.kty, n: jwk.n, e: jwk.e });
  } catch {
    return undefined;
  }
}
