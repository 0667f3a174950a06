import { Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { Caller } from './caller.js';
import { InboundTokenVerifier } from './inbound-verifier.js';

export const MASKINPORTEN_STRATEGY = 'maskinporten';

/** Passport strategy: a request's Maskinporten bearer token → the verified Caller (request.user). */
@Injectable()
export class MaskinportenStrategy extends PassportStrategy(Strategy, MASKINPORTEN_STRATEGY) {
  constructor(private readonly verifier: InboundTokenVerifier) {
    super();
  }

  validate(request: { headers: Record<string, string | string[] | undefined> }): Promise<Caller> {
    const header = request.headers.authorization;
    return this.verifier.verifyAuthorization(Array.isArray(header) ? header[0] : header);
  }
}

/** Guards gateway routes: 401 problem+json with a specific code unless the token verifies. */
@Injectable()
export class MaskinportenAuthGuard extends AuthGuard(MASKINPORTEN_STRATEGY) {
  override handleRequest<T = Caller>(error: unknown, user: T): T {
    if (error) throw error;
    return user;
  }
}
