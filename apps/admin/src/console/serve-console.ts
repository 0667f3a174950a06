import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#core';

/** Where the console's assets are served from: the admin origin, so its API calls are same-origin. */
export const CONSOLE_PREFIX = '/console/';

/**
 * Strict: only the console's own files run, it talks only to this origin and the operator IdP
 * (metadata and token exchange), nothing may frame it, and no inline script or style is allowed.
 */
export function consoleContentSecurityPolicy(issuer: string): string {
  const idp = new URL(issuer).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${idp}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** What the console needs to find the operator IdP; nothing secret (a public client). */
export interface ConsoleSettings {
  issuer: string;
  clientId: string;
  scope: string;
  adminApi: string;
}

/**
 * Serves the built console (apps/console, `vite build`) at /console/ with its security headers,
 * and /console/settings.json from this process's configuration. The console is only a client of
 * /admin/v1: it holds no privilege of its own.
 */
export async function serveConsole(app: NestFastifyApplication, config: AppConfig): Promise<boolean> {
  const root = resolve(config.console.dir);
  if (!existsSync(join(root, 'index.html'))) return false;
  const issuer = config.onboarding.operatorAuth.issuer;
  const securityHeaders = {
    'content-security-policy': consoleContentSecurityPolicy(issuer),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const settings: ConsoleSettings = {
    issuer,
    clientId: config.console.clientId,
    scope: config.console.scope,
    adminApi: '/admin/v1',
  };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/console', (_request, reply) => reply.redirect(CONSOLE_PREFIX, 301));
  fastify.get(`${CONSOLE_PREFIX}settings.json`, (_request, reply) =>
    reply.headers({ ...securityHeaders, 'cache-control': 'no-store' }).send(settings),
  );
  await app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PREFIX,
    // Swagger's docs registered @fastify/static already; this instance does not decorate the reply.
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (response, path) => {
      for (const [name, value] of Object.entries(securityHeaders)) response.header(name, value);
      // Vite fingerprints assets: they never change under their name; the pages must be re-read.
      response.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
