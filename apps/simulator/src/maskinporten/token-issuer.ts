import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { iso6523ActorId } from '#core';
import type { SigningKeyStore } from './key-store.js';

/** Where delegations come from in the test environment (Altinn TT02). */
export const DELEGATION_SOURCE = 'https://tt02.altinn.no/';

export interface TokenRequest {
  clientId: string;
  clientOrgno?: string;
  /** The legal consumer (the municipality). */
  consumerOrg: string;
  /** Set on delegated tokens: the party acting for the consumer. */
  supplierOrg?: string;
  scope: string;
  expiresIn: number;
  resource?: string | string[];
  authorizationDetails?: unknown;
  /** Added or replacing claims verbatim (control API only, for tests of inbound validation). */
  extraClaims?: Record<string, unknown>;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Builds and signs access tokens shaped like Maskinporten's (maskinporten.md §4). */
export class TokenIssuer {
  constructor(
    private readonly issuer: string,
    private readonly keys: SigningKeyStore,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async issue(request: TokenRequest): Promise<TokenResponse> {
    const iat = Math.floor(this.nowMs() / 1000);
    const actor = (orgnr: string) => ({ authority: 'iso6523-actorid-upis', ID: iso6523ActorId(orgnr) });
    const claims: JWTPayload = {
      iss: this.issuer,
      client_amr: 'private_key_jwt',
      token_type: 'Bearer',
      aud: request.resource ?? 'unspecified',
      scope: request.scope,
      client_id: request.clientId,
      ...(request.clientOrgno ? { client_orgno: request.clientOrgno } : {}),
      consumer: actor(request.consumerOrg),
      ...(request.supplierOrg ? { supplier: actor(request.supplierOrg), delegation_source: DELEGATION_SOURCE } : {}),
      ...(request.authorizationDetails !== undefined ? { authorization_details: request.authorizationDetails } : {}),
      iat,
      exp: iat + request.expiresIn,
      jti: randomUUID(),
      ...request.extraClaims,
    };
    const accessToken = await this.keys.sign(claims);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: request.expiresIn, scope: request.scope };
  }
}
