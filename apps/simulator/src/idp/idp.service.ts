import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { APP_CONFIG, type AppConfig } from '#core';
import { SigningKeyStore } from '../maskinporten/key-store.js';

/** The audience of operator tokens: the admin API. */
export const OPERATOR_AUDIENCE = 'delingsmegler-admin';
const DEFAULT_OPERATOR_TOKEN_SECONDS = 3600;

/** The operators' identity provider stand-in: OpenID metadata, JWKS and operator tokens. */
@Injectable()
export class IdpService {
  readonly issuer: string;
  private readonly keys = new SigningKeyStore('idp');

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.issuer = `${config.simulator.publicUrl}/idp`;
  }

  metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
    };
  }

  jwks(): Promise<{ keys: JWK[] }> {
    return this.keys.jwks();
  }

  async operatorToken(request: {
    sub: string;
    name?: string;
    roles: string[];
    expiresIn?: number;
  }): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    const expiresIn = request.expiresIn ?? DEFAULT_OPERATOR_TOKEN_SECONDS;
    const iat = Math.floor(Date.now() / 1000);
    const accessToken = await this.keys.sign({
      iss: this.issuer,
      sub: request.sub,
      ...(request.name ? { name: request.name } : {}),
      roles: [...request.roles],
      aud: OPERATOR_AUDIENCE,
      iat,
      exp: iat + expiresIn,
      jti: randomUUID(),
    });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
  }
}
