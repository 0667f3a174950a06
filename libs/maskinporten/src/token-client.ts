import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { APP_CONFIG, type AppConfig, Clock, DomainError, type MaskinportenConfig, Orgnr } from '#core';
import { MetricsRegistry } from '#runtime';
import { buildGrant } from './grant-builder.js';
import { MASKINPORTEN_CLOCK } from './maskinporten.tokens.js';
import { MetadataCache } from './metadata.js';
import { loadSigningKey, type SigningKey } from './signing-key.js';
import { type CachedToken, effectiveMarginMs, isFresh, SingleFlightCache, tokenCacheKey } from './token-cache.js';

export interface TokenRequest {
  scopes: readonly string[];
  /** The municipality's orgnr for a token on its behalf (Altinn delegation). */
  consumerOrg?: string;
  resource?: string;
}

export interface AccessToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Thrown inside the retry loop for answers worth another attempt (5xx, 429, connection errors). */
class Retryable extends Error {}

/**
 * The platform's Maskinporten client (reference §2, §3, §8): endpoints from metadata, a cache per
 * client + scopes + consumer_org + resource, single-flight loading, bounded jittered retries.
 */
@Injectable()
export class MaskinportenTokenClient {
  private readonly logger = new Logger('MaskinportenTokenClient');
  private readonly config: MaskinportenConfig;
  private readonly metadata: MetadataCache;
  private readonly cache = new SingleFlightCache<CachedToken, DomainError>(isFresh);
  private signingKey?: Promise<SigningKey>;
  private readonly requests: Counter<'outcome'>;
  private readonly cacheHits: Counter;
  private readonly failures: Counter<'code'>;

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    @Inject(MASKINPORTEN_CLOCK) private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.config = appConfig.maskinporten;
    this.metadata = new MetadataCache(this.config.requestTimeoutMs);
    this.requests = metrics.counter(
      'maskinporten_token_requests_total',
      'Token requests sent to Maskinporten, by outcome',
      ['outcome'],
    );
    this.cacheHits = metrics.counter('maskinporten_token_cache_hits_total', 'Tokens served from the cache');
    this.failures = metrics.counter('maskinporten_token_failures_total', 'Failed token acquisitions, by problem code', [
      'code',
    ]);
  }

  /** A valid access token for the request, from the cache while it is fresh. */
  async getToken(request: TokenRequest): Promise<AccessToken> {
    const scopes = [...new Set(request.scopes)].sort();
    if (scopes.length === 0)
      throw new DomainError('maskinporten-misconfigured', 'A token request needs at least one scope');
    if (request.consumerOrg !== undefined && !Orgnr.isValid(request.consumerOrg))
      throw new DomainError('invalid-orgnr', 'consumer_org is not a valid organisation number');
    const key = tokenCacheKey({
      clientId: this.config.clientId,
      scopes,
      consumerOrg: request.consumerOrg,
      resource: request.resource,
    });
    const token = await this.cache.get(
      key,
      request.consumerOrg ?? '',
      this.clock.now().getTime(),
      () => this.fetchToken(scopes, request),
      {
        onHit: () => this.cacheHits.inc(),
        negativeFor: (error) =>
          error instanceof DomainError && (error.code === 'delegation-missing' || error.code === 'scope-not-granted')
            ? this.config.negativeCacheSeconds * 1000
            : undefined,
      },
    );
    return { accessToken: token.accessToken, expiresAt: token.expiresAt };
  }

  /** Drops one municipality's cached tokens (and negative entries); returns how many tokens were dropped. */
  flushTenant(orgnr: string): number {
    const dropped = this.cache.flush(orgnr);
    this.logger.log({ orgnr, dropped }, 'Maskinporten tokens flushed for tenant');
    return dropped;
  }

  flushAll(): number {
    const dropped = this.cache.flush();
    this.logger.log({ dropped }, 'all cached Maskinporten tokens flushed');
    return dropped;
  }

  private async fetchToken(scopes: string[], request: TokenRequest): Promise<CachedToken> {
    try {
      const metadata = await this.metadata.get(this.config.issuer);
      this.signingKey ??= loadSigningKey(this.config);
      this.signingKey.catch(() => (this.signingKey = undefined));
      const signing = await this.signingKey;
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.requestOnce(metadata.token_endpoint, signing, scopes, request);
        } catch (error) {
          // MP-130 (grant expired / clock skew): one more try with a fresh grant (reference §3.3).
          if (error instanceof DomainError && error.extensions.maskinportenCode === 'MP-130' && attempt === 0) continue;
          if (!(error instanceof Retryable) || attempt >= this.config.retries) {
            if (error instanceof Retryable)
              throw new DomainError(
                'maskinporten-unavailable',
                `Maskinporten did not answer successfully: ${error.message}`,
                { headers: { 'retry-after': '5' } },
              );
            throw error;
          }
          const backoff = this.config.retryBaseMs * 2 ** attempt;
          await sleep(backoff / 2 + Math.random() * (backoff / 2));
        }
      }
    } catch (error) {
      const domain =
        error instanceof DomainError
          ? error
          : new DomainError('maskinporten-unavailable', 'The Maskinporten token request failed', { cause: error });
      this.failures.inc({ code: domain.code });
      if (domain.code === 'maskinporten-misconfigured')
        this.logger.error({ code: domain.code, detail: domain.detail }, 'Maskinporten client is misconfigured');
      else
        this.logger.warn({ code: domain.code, consumerOrg: request.consumerOrg }, 'Maskinporten token request failed');
      throw domain;
    }
  }

  private async requestOnce(
    tokenEndpoint: string,
    signing: SigningKey,
    scopes: string[],
    request: TokenRequest,
  ): Promise<CachedToken> {
    const now = this.clock.now().getTime();
    const assertion = await buildGrant(signing, {
      issuer: this.config.issuer,
      clientId: this.config.clientId,
      scopes,
      consumerOrg: request.consumerOrg,
      resource: request.resource,
      now: Math.floor(now / 1000),
      lifetimeSeconds: this.config.grantLifetimeSeconds,
    });
    let response: Response;
    try {
      response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
        signal: AbortSignal.timeout(this.config.requestTimeoutMs),
      });
    } catch (error) {
      this.requests.inc({ outcome: 'connection-error' });
      throw new Retryable((error as Error).name === 'TimeoutError' ? 'timeout' : 'connection error');
    }
    const text = await response.text().catch(() => '');
    this.requests.inc({ outcome: String(response.status) });
    if (response.status >= 500 || response.status === 429) throw new Retryable(`HTTP ${response.status}`);
    const body = parseJson(text);
    if (response.ok) {
      const expiresIn = Number(body.expires_in);
      if (typeof body.access_token !== 'string' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
        throw new DomainError(
          'maskinporten-misconfigured',
          'Maskinporten answered a token response without access_token or expires_in',
        );
      }
      return {
        accessToken: body.access_token,
        expiresAt: now + expiresIn * 1000,
        marginMs: effectiveMarginMs(expiresIn, this.config.renewMarginSeconds),
      };
    }
    throw mapError(response.status, body);
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** MP-xxx from error_uri or the description (reference §3.2). */
export function mpCode(body: Record<string, unknown>): string | undefined {
  for (const field of [body.error_uri, body.error_description, body.code]) {
    const match = typeof field === 'string' ? /MP-\d{3}/.exec(field) : null;
    if (match) return match[0];
  }
  return undefined;
}

/** Maps a 4xx token-endpoint answer to a domain error (reference §3.3). */
export function mapError(status: number, body: Record<string, unknown>): DomainError {
  const code = mpCode(body);
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const extensions = {
    maskinportenError: typeof body.error === 'string' ? body.error : undefined,
    maskinportenCode: code,
  };
  if (code === 'MP-251' || (code === undefined && body.error === 'forbidden' && /not delegated/i.test(description))) {
    return new DomainError(
      'delegation-missing',
      'The municipality has not delegated the scope to the platform in Altinn',
      { extensions },
    );
  }
  if (code === 'MP-250' || (code === undefined && (status === 403 || body.error === 'forbidden'))) {
    return new DomainError(
      'scope-not-granted',
      'The municipality has not been granted access to the scope by the API owner',
      { extensions },
    );
  }
  return new DomainError(
    'maskinporten-misconfigured',
    `Maskinporten refused the platform's grant (${code ?? (typeof body.error === 'string' ? body.error : `HTTP ${status}`)})`,
    { extensions },
  );
}
