import { createHash, randomBytes } from 'node:crypto';

/** What a development login chose, held until the console redeems its code. */
export interface LoginGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  subject: string;
  name: string;
  roles: string[];
  expiresIn: number;
}

/** Authorization codes live one minute and are redeemed once (RFC 6749 §4.1.2). */
const CODE_LIFETIME_MS = 60_000;

/** Why a code was not redeemed, as an OAuth error code (RFC 6749 §5.2). */
export class TokenRequestError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

/** In-memory authorization codes with PKCE (RFC 7636, S256 only). */
export class AuthorizationCodes {
  private readonly codes = new Map<string, LoginGrant & { expiresAt: number }>();

  issue(grant: LoginGrant): string {
    this.dropExpired();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** The grant behind a code, once: client, redirect URI and verifier must all match. */
  redeem(request: { code: string; clientId: string; redirectUri: string; codeVerifier: string }): LoginGrant {
    const grant = this.codes.get(request.code);
    this.codes.delete(request.code);
    if (!grant || grant.expiresAt < Date.now()) throw new TokenRequestError('invalid_grant', 'unknown or expired code');
    if (grant.clientId !== request.clientId || grant.redirectUri !== request.redirectUri)
      throw new TokenRequestError('invalid_grant', 'client_id or redirect_uri differs from the authorization request');
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(request.codeVerifier))
      throw new TokenRequestError('invalid_request', 'code_verifier must be 43-128 unreserved characters');
    const challenge = createHash('sha256').update(request.codeVerifier).digest('base64url');
    if (challenge !== grant.codeChallenge) throw new TokenRequestError('invalid_grant', 'code_verifier does not match');
    return grant;
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt < now) this.codes.delete(code);
  }
}
