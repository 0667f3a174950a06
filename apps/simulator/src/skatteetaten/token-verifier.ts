import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '#core';
import { type SkatteetatenApi, SkatteetatenError } from './skatteetaten-api.js';

/** The verified caller: its token's claims and the consumer organisation the calls count against. */
export interface VerifiedCaller {
  claims: JWTPayload;
  consumerOrg: string;
  /** The Maskinporten client the token was issued to (the platform, for every municipality). */
  clientId: string;
}

/** The bearer token of a request, or undefined. */
export function bearerOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The token's claims without verification, for the request log only. */
export function unverifiedClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const token = bearerOf(authorization);
  if (!token) return undefined;
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

/**
 * Checks Maskinporten tokens as Skatteetaten does: signature against the Maskinporten stand-in's
 * JWKS, exact issuer, expiry; audience is not checked (Skatteetaten expects none, reference §0).
 */
@Injectable()
export class TokenVerifier {
  private readonly issuer: string;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.issuer = `${config.simulator.publicUrl}/maskinporten/`;
    this.jwks = createRemoteJWKSet(new URL(`${config.simulator.publicUrl}/maskinporten/jwk`), {
      cooldownDuration: 1000,
    });
  }

  async verify(api: SkatteetatenApi, authorization: string | undefined): Promise<VerifiedCaller> {
    const token = bearerOf(authorization);
    if (!token) throw SkatteetatenError.of(api, 'unauthenticated', 'Mangler gyldig autentisering (Bearer-token)');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.jwks, { issuer: this.issuer }));
    } catch {
      throw SkatteetatenError.of(api, 'unauthenticated', 'Ugyldig eller utløpt token');
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!api.scopes.some((scope) => scopes.includes(scope)))
      throw SkatteetatenError.of(api, 'forbidden', 'Ikke tilgang til ressursen');
    const consumerId = (claims.consumer as { ID?: unknown } | undefined)?.ID;
    const consumerOrg = typeof consumerId === 'string' ? consumerId.split(':').pop() : undefined;
    if (!consumerOrg) throw SkatteetatenError.of(api, 'forbidden', 'Tokenet mangler konsument');
    return { claims, consumerOrg, clientId: typeof claims.client_id === 'string' ? claims.client_id : '' };
  }
}
