import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';

/** Probes and scrapes would drown the request log. */
const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * One line per request, when it completes, bound to the correlation id: method, masked path (see
 * the req serializer), status and duration. No headers, so no tokens. Written through #core's
 * requestLineLogger: the line's fields are all built by masking serializers.
 */
export class RequestLogController extends LogController {
  constructor(private readonly lines: Logger) {
    super({ requestIdLogLabel: 'correlationId', disableRequestLogging: (request) => QUIET_ROUTES.test(request.url) });
  }

  override incomingRequest(): void {
    // Logged once, on completion.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      correlationId: request.id,
      req: request,
      res: reply,
      ms: Math.round(reply.elapsedTime),
      ...(error ? { err: error } : {}),
    };
    if (error || reply.statusCode >= 500) this.lines.error(line, 'request failed');
    else this.lines.info(line, 'request completed');
  }
}
