import type { FastifyRequest } from 'fastify';

const ROUTE = Symbol('routeTemplate');

/**
 * The matched route's template (`/api/v1/:orgnr/*`), never the path: paths carry personal
 * identifiers. Read once per request: Fastify's `routeOptions` getter builds a new object of
 * a dozen fields every time it is read.
 */
export function routeTemplateOf(request: FastifyRequest): string | undefined {
  const memo = request as FastifyRequest & { [ROUTE]?: string | null };
  if (memo[ROUTE] === undefined) memo[ROUTE] = request.routeOptions.url ?? null;
  return memo[ROUTE] ?? undefined;
}
