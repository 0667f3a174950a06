import type { FastifyRequest } from 'fastify';

/** One request header's value, if sent once. */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request context headers every upstream call must carry (DESIGN §4), as sent: the policy judges them. */
export interface ContextHeaders {
  legalBasis?: string;
  purpose?: string;
  caseReference?: string;
  endUser?: string;
}

export function contextHeadersOf(request: FastifyRequest): ContextHeaders {
  return {
    legalBasis: headerOf(request, 'x-legal-basis'),
    purpose: headerOf(request, 'x-purpose'),
    caseReference: headerOf(request, 'x-case-reference'),
    endUser: headerOf(request, 'x-end-user'),
  };
}
