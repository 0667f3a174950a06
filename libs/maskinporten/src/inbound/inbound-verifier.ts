import { hash as digest } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Counter } from 'prom-client';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  DomainError,
  type MaskinportenConfig,
  Orgnr,
  type ProblemCode,
} from '#core';
import { MetricsRegistry } from '#runtime';
import { MASKINPORTEN_CLOCK } from '../maskinporten.tokens.js';
import { MetadataCache } from '../metadata.js';
import type { Caller } from './caller.js';

const CHALLENGE = 'Bearer error="invalid_token"';
const ACTOR_AUTHORITY = 'iso6523-actorid-upis';

function refuse(code: ProblemCode, detail: string): DomainError {
  const headers = { 'www-authenticate': code === 'token-missing' ? 'Bearer' : CHALLENGE };
  return new DomainError(code, detail, { headers });
}

/** `{authority:'iso6523-actorid-upis', ID:'0192:<valid orgnr>'}` and nothing else, or undefined. */
export function parseActor(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const actor = value as Record<string, unknown>;
  if (Object.keys(actor).length !== 2 || actor.authority !== ACTOR_AUTHORITY || typeof actor.ID !== 'string')
    return undefined;
  const match = /^0192:(\d{9})$/.exec(actor.ID);
  return match && Orgnr.isValid(match[1]) ? match[1] : undefined;
}

/**
 * Verifies the Maskinporten tokens municipalities send (reference §5). Verified tokens are cached by
 * the SHA-256 of the token until their exp, so the hot path verifies each token once.
 */
@Injectable()
export class InboundTokenVerifier {
  private readonly logger = new Logger('InboundTokenVerifier');
  private readonly config: MaskinportenConfig['inbound'];
  private readonly metadata: MetadataCache;
  private jwks?: Promise<ReturnType<typeof createRemoteJWKSet>>;
  private readonly verified = new Map<string, Caller>();
  private readonly rejections: Counter<'code'>;
  private readonly cacheHits: Counter;

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    @Inject(MASKINPORTEN_CLOCK) private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.config = appConfig.maskinporten.inbound;
    this.metadata = new MetadataCache(appConfig.maskinporten.requestTimeoutMs);
    this.rejections = metrics.counter(
      'maskinporten_inbound_rejections_total',
      'Inbound tokens refused, by problem code',
      ['code'],
    );
    this.cacheHits = metrics.counter(
      'maskinporten_inbound_cache_hits_total',
      'Inbound tokens served from the verified-token cache',
    );
  }

  /** The caller of a request, from its Authorization header; throws a 401 DomainError otherwise. */
  async verifyAuthorization(authorization: string | undefined): Promise<Caller> {
    try {
      return await this.verifyHeader(authorization);
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) this.rejections.inc({ code: error.code });
      throw error;
    }
  }

  private async verifyHeader(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw refuse('token-missing', 'The Authorization header is missing');
    const match = /^Bearer +([^\s]+)\s*$/i.exec(authorization);
    if (!match) throw refuse('token-missing', 'The Authorization header does not carry a Bearer token');
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Caller> {
    const now = this.clock.now().getTime();
    // One-shot digest: no Hash object per request.
    const hash = digest('sha256', token, 'base64url');
    const cached = this.verified.get(hash);
    if (cached && now < cached.expiresAt) {
      this.cacheHits.inc();
      return cached;
    }
    if (cached) this.verified.delete(hash);

    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token))
      throw refuse('token-malformed', 'The token is not a compact JWS');
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw refuse('token-malformed', 'The token header cannot be decoded');
    }
    if (typeof alg !== 'string' || !(this.config.algorithms as string[]).includes(alg)) {
      throw refuse(
        'token-algorithm-not-allowed',
        `The algorithm ${typeof alg === 'string' ? alg : '(none)'} is not allowed`,
      );
    }

    const payload = await this.verifySignatureAndTimes(token, now);
    const caller = this.callerFrom(payload);
    this.remember(hash, caller, now);
    return caller;
  }

  private async verifySignatureAndTimes(token: string, now: number): Promise<JWTPayload> {
    const jwks = await this.keySet();
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: this.config.issuer,
        ...(this.config.audience ? { audience: this.config.audience } : {}),
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockSkewSeconds,
        currentDate: new Date(now),
        requiredClaims: ['exp'],
      });
      // jose checks iat only together with maxTokenAge: a token issued in the future is not valid yet.
      if (typeof payload.iat === 'number' && payload.iat * 1000 > now + this.config.clockSkewSeconds * 1000) {
        throw refuse('token-not-yet-valid', 'The token was issued in the future');
      }
      return payload;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw this.mapVerifyError(error);
    }
  }

  private mapVerifyError(error: unknown): DomainError {
    if (error instanceof errors.JWTExpired) return refuse('token-expired', 'The token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf') return refuse('token-not-yet-valid', 'The token is not yet valid');
      if (error.claim === 'iat') return refuse('token-not-yet-valid', 'The token was issued in the future');
      if (error.claim === 'iss')
        return refuse('token-issuer-invalid', 'The token was not issued by the accepted issuer');
      if (error.claim === 'aud')
        return refuse(
          'token-audience-invalid',
          `The token's audience is not ${this.config.audience}; ask Maskinporten for a token with resource=${this.config.audience}`,
        );
      return refuse('token-malformed', `The token claim ${error.claim} is invalid`);
    }
    if (error instanceof errors.JOSEAlgNotAllowed)
      return refuse('token-algorithm-not-allowed', 'The token algorithm is not allowed');
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return refuse('token-signature-invalid', 'The token signature does not verify');
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
      return refuse('token-signature-invalid', 'The token was not signed by a key the issuer publishes');
    }
    if (
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
    ) {
      this.logger.error({ error: (error as Error).message }, 'The Maskinporten JWKS could not be fetched');
      return new DomainError('maskinporten-unavailable', 'The Maskinporten keys could not be fetched', {
        cause: error,
        headers: { 'retry-after': '5' },
      });
    }
    if (error instanceof errors.JOSEError) return refuse('token-malformed', 'The token is not a valid JWT');
    this.logger.error({ error: (error as Error)?.message }, 'Inbound token verification failed unexpectedly');
    return new DomainError('maskinporten-unavailable', 'The token could not be verified', { cause: error });
  }

  private callerFrom(payload: JWTPayload): Caller {
    if (payload.authorization_details !== undefined) {
      throw refuse(
        'token-system-user-not-supported',
        'Tokens with authorization_details (system users) are not accepted',
      );
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(/\s+/).filter(Boolean) : [];
    if (!scopes.includes(this.config.requiredScope))
      throw refuse('token-scope-missing', `The token lacks the scope ${this.config.requiredScope}`);
    const consumerOrgnr = parseActor(payload.consumer);
    if (!consumerOrgnr)
      throw refuse(
        'token-consumer-invalid',
        'The token consumer is not an iso6523-actorid-upis 0192 organisation number',
      );
    let supplierOrgnr: string | undefined;
    if (payload.supplier !== undefined) {
      supplierOrgnr = parseActor(payload.supplier);
      if (!supplierOrgnr)
        throw refuse(
          'token-supplier-invalid',
          'The token supplier is not an iso6523-actorid-upis 0192 organisation number',
        );
    }
    return {
      consumerOrgnr,
      ...(supplierOrgnr ? { supplierOrgnr } : {}),
      clientId: typeof payload.client_id === 'string' ? payload.client_id : '',
      scopes,
      tokenId: typeof payload.jti === 'string' ? payload.jti : '',
      expiresAt: (payload.exp as number) * 1000,
    };
  }

  private remember(hash: string, caller: Caller, now: number): void {
    if (this.verified.size >= this.config.verifiedCacheSize) {
      for (const [key, entry] of this.verified) {
        if (entry.expiresAt <= now) this.verified.delete(key);
      }
      while (this.verified.size >= this.config.verifiedCacheSize) {
        const oldest = this.verified.keys().next();
        if (oldest.done) break;
        this.verified.delete(oldest.value);
      }
    }
    this.verified.set(hash, caller);
  }

  private keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (!this.jwks) {
      this.jwks = (async () => {
        const url = this.config.jwksUrl ?? (await this.metadata.get(this.config.issuer)).jwks_uri;
        return createRemoteJWKSet(new URL(url), {
          cooldownDuration: this.config.jwksCooldownSeconds * 1000,
          cacheMaxAge: 10 * 60 * 1000,
          timeoutDuration: 5000,
        });
      })();
      this.jwks.catch(() => (this.jwks = undefined));
    }
    return this.jwks;
  }
}
