import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key.js';

export interface GrantRequest {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  /** The municipality's orgnr (9 digits, no `0192:`) for a delegated token. */
  consumerOrg?: string;
  resource?: string;
  /** Epoch seconds. */
  now: number;
  /** exp − iat, at most 120 s. */
  lifetimeSeconds: number;
}

/** A JWT grant as Maskinporten documents it (reference §2): no other claims, a fresh jti every time. */
export function buildGrant(signing: SigningKey, request: GrantRequest): Promise<string> {
  const lifetime = Math.min(Math.max(request.lifetimeSeconds, 1), 120);
  const header = signing.x5c ? { alg: signing.alg, x5c: signing.x5c } : { alg: signing.alg, kid: signing.kid };
  const claims: Record<string, unknown> = { scope: [...request.scopes].join(' ') };
  if (request.consumerOrg) claims.consumer_org = request.consumerOrg;
  if (request.resource) claims.resource = request.resource;
  return new SignJWT(claims)
    .setProtectedHeader(header)
    .setAudience(request.issuer)
    .setIssuer(request.clientId)
    .setIssuedAt(request.now)
    .setExpirationTime(request.now + lifetime)
    .setJti(randomUUID())
    .sign(signing.key);
}
