import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthorizationCodes, TokenRequestError } from './authorization-codes.js';
import { IdpService } from './idp.service.js';
import { type AuthorizationRequest, DEVELOPMENT_ROLES, loginPage } from './login-page.js';

type Form = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const KNOWN_ROLES = new Set(DEVELOPMENT_ROLES.map(({ role }) => role));

/**
 * A browser login for the operator console: authorization code with PKCE (S256), a development
 * login form instead of real authentication. The token endpoint answers cross-origin, as an
 * identity provider does for a single-page app's public client.
 */
@ApiExcludeController()
@Controller('idp')
export class IdpLoginController {
  private readonly codes = new AuthorizationCodes();

  constructor(private readonly idp: IdpService) {}

  @Get('authorize')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  authorize(@Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply): string {
    const request = authorizationRequest(query, one(query.response_type), one(query.code_challenge_method));
    if (typeof request === 'string') {
      void reply.status(400);
      return `Ugyldig innloggingsforespørsel: ${request}`;
    }
    return loginPage(request);
  }

  @Post('authorize')
  @HttpCode(302)
  login(@Body() form: Form, @Res({ passthrough: true }) reply: FastifyReply): string {
    const request = authorizationRequest(form, 'code', 'S256');
    if (typeof request === 'string') {
      void reply.status(400);
      return `Ugyldig innlogging: ${request}`;
    }
    const name = one(form.name).trim() || 'Ukjent operatør';
    const roles = [form.roles ?? []].flat().filter((role) => KNOWN_ROLES.has(role));
    const expiresIn = Math.min(Math.max(Number.parseInt(one(form.expires_in), 10) || 3600, 5), 86_400);
    const code = this.codes.issue({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      subject: `dev:${name.toLowerCase().replace(/\s+/g, '.')}`,
      name,
      roles,
      expiresIn,
    });
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    if (request.state) target.searchParams.set('state', request.state);
    void reply.header('location', target.href);
    return '';
  }

  @Post('token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('access-control-allow-origin', '*')
  async token(@Body() form: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    try {
      if (one(form.grant_type) !== 'authorization_code')
        throw new TokenRequestError('unsupported_grant_type', 'only authorization_code is supported');
      const grant = this.codes.redeem({
        code: one(form.code),
        clientId: one(form.client_id),
        redirectUri: one(form.redirect_uri),
        codeVerifier: one(form.code_verifier),
      });
      return await this.idp.operatorToken({
        sub: grant.subject,
        name: grant.name,
        roles: grant.roles,
        expiresIn: grant.expiresIn,
      });
    } catch (error) {
      if (!(error instanceof TokenRequestError)) throw error;
      void reply.status(400);
      return { error: error.error, error_description: error.description };
    }
  }
}

/** The validated parameters, or why they are not valid (never redirected to an unchecked URI). */
function authorizationRequest(form: Form, responseType: string, method: string): AuthorizationRequest | string {
  if (responseType !== 'code') return 'response_type must be code';
  if (method !== 'S256') return 'code_challenge_method must be S256';
  const clientId = one(form.client_id);
  if (!clientId) return 'client_id is missing';
  const codeChallenge = one(form.code_challenge);
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return 'code_challenge must be a base64url SHA-256';
  const redirectUri = one(form.redirect_uri);
  try {
    const url = new URL(redirectUri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'redirect_uri must be http(s)';
  } catch {
    return 'redirect_uri is not a URL';
  }
  return { clientId, redirectUri, codeChallenge, state: one(form.state), scope: one(form.scope) };
}
