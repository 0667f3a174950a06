import { Inject, Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { ClientRegistry, DEFAULT_TOKEN_LIFETIME } from './client-registry.js';
import { GrantValidator, JWT_BEARER } from './grant-validator.js';
import { JtiStore } from './jti-store.js';
import { SigningKeyStore } from './key-store.js';
import { MaskinportenError } from './maskinporten-error.js';
import { TokenIssuer, type TokenResponse } from './token-issuer.js';

export interface TokenAnswer {
  status: number;
  body: TokenResponse | ReturnType<MaskinportenError['body']>;
}

/** Maskinporten stand-in: metadata, signing keys, grants in and tokens out. */
@Injectable()
export class MaskinportenService {
  readonly issuer: string;
  private readonly base: string;
  private readonly keys = new SigningKeyStore('maskinporten');
  private readonly validator: GrantValidator;
  private readonly issuerOfTokens: TokenIssuer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    readonly clients: ClientRegistry,
  ) {
    this.base = config.simulator.publicUrl;
    this.issuer = `${this.base}/maskinporten/`;
    this.validator = new GrantValidator(this.issuer, clients, new JtiStore());
    this.issuerOfTokens = new TokenIssuer(this.issuer, this.keys);
  }

  metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      token_endpoint: `${this.base}/maskinporten/token`,
      jwks_uri: `${this.base}/maskinporten/jwk`,
      grant_types_supported: [JWT_BEARER],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
      authorization_details_types_supported: ['urn:altinn:systemuser', 'urn:altinn:consent'],
    };
  }

  jwks(): Promise<{ keys: JWK[] }> {
    return this.keys.jwks();
  }

  rotateKeys(): Promise<{ kid: string }> {
    return this.keys.rotate();
  }

  /** POST /maskinporten/token: a token, or Maskinporten's error body with its status. */
  async token(form: unknown): Promise<TokenAnswer> {
    try {
      const grant = await this.validator.validate(form as Record<string, unknown> | undefined);
      const delegated = grant.consumerOrg !== undefined;
      const body = await this.issuerOfTokens.issue({
        clientId: grant.client.clientId,
        clientOrgno: grant.client.orgnr,
        consumerOrg: grant.consumerOrg ?? grant.client.orgnr,
        supplierOrg: delegated ? grant.client.orgnr : undefined,
        scope: grant.scopes.join(' '),
        expiresIn: grant.client.tokenLifetime,
        resource: grant.resource,
        authorizationDetails: grant.authorizationDetails,
      });
      return { status: 200, body };
    } catch (error) {
      if (error instanceof MaskinportenError) return { status: error.status, body: error.body(this.errorBase()) };
      throw error;
    }
  }

  /** The answer to an injected `status` fault. */
  faultAnswer(status: number, kode?: string): TokenAnswer {
    const error = status >= 500 ? 'server_error' : status === 403 ? 'forbidden' : 'invalid_request';
    return {
      status,
      body: new MaskinportenError(status, error, `Injected fault (${kode ?? status})`, kode).body(this.errorBase()),
    };
  }

  /** A municipality's (or its supplier's) token, as if it had got it from Maskinporten itself. */
  mint(request: {
    consumerOrg: string;
    supplierOrg?: string;
    scope: string;
    expiresIn?: number;
    claims?: Record<string, unknown>;
  }): Promise<TokenResponse> {
    return this.issuerOfTokens.issue({
      clientId: `sim-client-${request.supplierOrg ?? request.consumerOrg}`,
      consumerOrg: request.consumerOrg,
      supplierOrg: request.supplierOrg,
      scope: request.scope,
      expiresIn: request.expiresIn ?? DEFAULT_TOKEN_LIFETIME,
      extraClaims: request.claims,
    });
  }

  registerClient(client: {
    clientId: string;
    orgnr: string;
    jwks: { keys?: unknown };
    scopes: string[];
    tokenLifetime?: number;
  }): void {
    const keys = client.jwks.keys;
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every(isPublicRsaJwk)) {
      throw new DomainError(
        'invalid-request',
        'jwks.keys must be a non-empty array of public RSA JWKs, each with a kid',
      );
    }
    this.clients.register({
      clientId: client.clientId,
      orgnr: client.orgnr,
      keys: keys as JWK[],
      scopes: client.scopes,
      tokenLifetime: client.tokenLifetime ?? DEFAULT_TOKEN_LIFETIME,
    });
  }

  /** `https://host` of the issuer: Maskinporten's error_uri lives there. */
  private errorBase(): string {
    return new URL(this.issuer).origin;
  }
}

function isPublicRsaJwk(key: unknown): boolean {
  if (!key || typeof key !== 'object') return false;
  const jwk = key as Record<string, unknown>;
  return (
    jwk.kty === 'RSA' &&
    typeof jwk.n === 'string' &&
    typeof jwk.e === 'string' &&
    typeof jwk.kid === 'string' &&
    jwk.d === undefined
  );
}
