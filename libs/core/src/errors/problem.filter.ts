import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { InvalidIdentifierError } from '../identifiers/identifier-error.js';
import { maskIdentifiers } from '../logging/redaction.js';
import { DomainError } from './domain-error.js';
import { isProblemCode, PROBLEM_CATALOGUE, type ProblemCode } from './problem-catalogue.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  correlationId?: string;
  errorId?: string;
  [extension: string]: unknown;
}

/** The RFC 9457 body for a problem code; the one shape every error answer has. */
export function problemBody(
  code: ProblemCode,
  detail: string,
  correlationId: string | undefined,
  status: number = PROBLEM_CATALOGUE[code].status,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `urn:delingsmegler:problem:${code}`,
    title: PROBLEM_CATALOGUE[code].title,
    status,
    code,
    detail,
    ...extensions,
    correlationId,
  };
}

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'not-ready',
};

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
};

interface Mapped {
  code: ProblemCode;
  status: number;
  detail: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Fastify's own client errors (body parsing, media type, size) keep their status. */
function fastifyCodeOf(error: unknown): Mapped | undefined {
  const candidate = error as { code?: string; statusCode?: number; message?: string } | undefined;
  const status = candidate?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const code = FASTIFY_CODES[candidate?.code ?? ''] ?? CODE_BY_STATUS[status] ?? 'invalid-request';
  return { code, status, detail: maskIdentifiers(candidate?.message ?? 'Invalid request') };
}

const answered = new WeakMap<object, ProblemBody>();

/**
 * The problem a request was answered with, as the filter mapped it: the gateway's audit hook reads
 * its code and reasons here instead of parsing the body again.
 */
export function answeredProblem(request: object): ProblemBody | undefined {
  return answered.get(request);
}

/** Turns anything thrown into a problem+json answer. A 500 gets an errorId and a log line; never a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ id?: string; raw?: { id?: string } }>();
    const response = http.getResponse();
    const mapped = this.map(exception);
    const body = problemBody(
      mapped.code,
      mapped.detail,
      request?.raw?.id ?? request?.id,
      mapped.status,
      mapped.extensions,
    );
    if (mapped.status >= 500 && mapped.code === 'internal-error') {
      body.errorId = randomUUID();
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(
        { errorId: body.errorId, err: error, stack: maskIdentifiers(error.stack ?? '') },
        'unhandled error',
      );
    }
    if (request) answered.set(request, body);
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(mapped.headers ?? {})) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    adapter.reply(response, body, mapped.status);
  }

  private map(exception: unknown): Mapped {
    if (exception instanceof DomainError) {
      return { ...exception, code: exception.code, detail: exception.detail };
    }
    if (exception instanceof InvalidIdentifierError) {
      const code = exception.kind === 'orgnr' ? 'invalid-orgnr' : 'invalid-personidentifikator';
      return { code, status: 400, detail: exception.message };
    }
    if (exception instanceof HttpException) return this.mapHttpException(exception);
    const fastifyCode = fastifyCodeOf(exception);
    if (fastifyCode) return fastifyCode;
    return {
      code: 'internal-error',
      status: 500,
      detail: 'An unexpected error occurred; quote the errorId when reporting it.',
    };
  }

  private mapHttpException(exception: HttpException): Mapped {
    // Nest wraps Fastify's body-parser errors in an HttpException; their code says more.
    const wrapped = fastifyCodeOf(exception.cause);
    if (wrapped) return wrapped;
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const given = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    const code = isProblemCode(given.code)
      ? given.code
      : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'invalid-request'));
    const message = given.message ?? exception.message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return { code, status, detail: maskIdentifiers(detail) };
  }
}
