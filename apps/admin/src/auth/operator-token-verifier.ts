import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig, DomainError, type OnboardingConfig } from '#core';
import { isOperatorRole, type Operator } from './operator.js';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

const DISCOVERY_TIMEOUT_MS = 5000;

/** Verifies operator bearer tokens: signature from the issuer's JWKS, exact issuer and audience, asymmetric algorithms only. */
@Injectable()
export class OperatorTokenVerifier {
  private readonly logger = new Logger('OperatorAuth');
  private readonly config: OnboardingConfig['operatorAuth'];
  private keySet?: Promise<KeySet>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.config = config.onboarding.operatorAuth;
  }

  async verifyAuthorization(header: string | undefined): Promise<Operator> {
    if (!header)
      throw new DomainError('operator-token-missing', 'Send an operator token as "Authorization: Bearer <token>"');
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header.trim());
    if (!match) throw new DomainError('operator-token-missing', 'The Authorization header is not a bearer token');
    const keys = await this.keys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.mapError(error);
    }
    return toOperator(payload);
  }

  private mapError(error: unknown): DomainError {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'operator keys unavailable');
      return new DomainError('operator-idp-unavailable', "The operator identity provider's keys could not be fetched", {
        cause: error,
      });
    }
    const reason =
      error instanceof errors.JWTExpired
        ? 'expired'
        : error instanceof errors.JWTClaimValidationFailed
          ? `claim ${error.claim} ${error.reason}`
          : error instanceof errors.JOSEAlgNotAllowed
            ? 'algorithm not allowed'
            : error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed
              ? 'signature'
              : 'malformed';
    return new DomainError('operator-token-invalid', `The operator token is invalid (${reason})`, {
      extensions: { reason },
    });
  }

  /** The JWKS: configured, or `jwks_uri` from the issuer's OpenID metadata (retried after a failure). */
  private keys(): Promise<KeySet> {
    this.keySet ??= this.discover().catch((error: unknown) => {
      this.keySet = undefined;
      throw new DomainError('operator-idp-unavailable', "The operator identity provider's metadata could not be read", {
        cause: error,
      });
    });
    return this.keySet;
  }

  private async discover(): Promise<KeySet> {
    if (this.config.jwksUrl) return createRemoteJWKSet(new URL(this.config.jwksUrl));
    const response = await fetch(`${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`metadata answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (metadata.issuer !== this.config.issuer) throw new Error('metadata issuer differs from OPERATOR_ISSUER');
    if (typeof metadata.jwks_uri !== 'string') throw new Error('metadata has no jwks_uri');
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  }
}

function toOperator(payload: JWTPayload): Operator {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isOperatorRole) : [];
  if (typeof payload.sub !== 'string' || payload.sub.length === 0)
    throw new DomainError('operator-token-invalid', 'The operator token has no subject', {
      extensions: { reason: 'claim sub missing' },
    });
  return {
    subject: payload.sub,
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    roles: [...new Set(roles)],
  };
}
