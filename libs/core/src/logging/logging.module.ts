import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type Bindings, type ChildLoggerOptions, type Logger, type LoggerOptions, pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { logDestination } from './log-destination.js';
import { maskIdentifiers, maskPath, REDACTED_PATHS } from './redaction.js';

interface LoggedRequest {
  method?: string;
  url?: string;
}

/**
 * Masks identifiers in every string argument; copies the arguments only when one changes. With no
 * message, pino would take an error's own message unmasked (`log.error(err)`, `log.error({ err })`):
 * the masked message is given instead.
 */
function maskStringArguments(args: unknown[]): unknown[] {
  let masked: unknown[] | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (typeof arg !== 'string') continue;
    const clean = maskIdentifiers(arg);
    if (clean === arg) continue;
    masked ??= args.slice();
    masked[index] = clean;
  }
  if (args.length === 1) {
    const [first] = args;
    const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
    if (error instanceof Error && (first as { msg?: unknown }).msg === undefined) {
      return [first, maskIdentifiers(error.message ?? '')];
    }
  }
  return masked ?? args;
}

const serializers = {
  req: (req: LoggedRequest) => ({ method: req.method, path: maskPath(req.url ?? '') }),
  res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
  err: (err: Error) => ({ type: err.name, message: maskIdentifiers(err.message ?? '') }),
};

/**
 * pino settings shared by the HTTP adapter (request logs, bound to the correlation id) and by the
 * Nest logger (application logs outside a request). Requests are logged with method, masked path
 * and status only: no headers, so no tokens.
 */
export function loggerOptions(config: AppConfig, service: string): LoggerOptions {
  return {
    level: config.logLevel,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, maskStringArguments(args) as Parameters<typeof method>);
      },
    },
    serializers,
    mixin: (_line, _level, logger) => {
      const id = (logger as { [CORRELATION_ID]?: string })[CORRELATION_ID];
      return id === undefined ? {} : { correlationId: id };
    },
  };
}

/** The correlation id a request's logger adds to each of its lines (see requestChildLogger). */
const CORRELATION_ID = Symbol('correlationId');

/**
 * Fastify's childLoggerFactory: the logger of one request, whose lines carry its correlation id.
 * The id is added per line (loggerOptions' mixin) rather than bound as a child binding: pino
 * runs a child's bindings through its redaction when the child is made, about 2 µs for every
 * request, where the lines logged through a request's logger are few. The mixin's field goes
 * through redaction like any other, and child loggers of this one inherit the id.
 */
export function requestChildLogger<L extends ChildMaker<L>>(
  logger: L,
  bindings: Bindings,
  options: ChildLoggerOptions,
): L {
  const correlationId: unknown = bindings.correlationId;
  if (typeof correlationId !== 'string') return logger.child(bindings, options);
  for (const key in bindings) if (key !== 'correlationId') return logger.child(bindings, options);
  const child = logger.child({}, options) as L & { [CORRELATION_ID]?: string };
  child[CORRELATION_ID] = correlationId;
  return child;
}

interface ChildMaker<L> {
  child(bindings: Bindings, options: ChildLoggerOptions): L;
}

/**
 * The logger of the one line per request (libs/runtime request-log), on the same destination.
 * That line has fixed fields only, each built by a masking serializer above (method, masked
 * path, status, error type and masked message), plus the correlation id and duration; none of
 * them can hold a field the redact paths name, so it skips pino's redaction (the dearest part of
 * a line) without losing any. Anything else is logged through loggerOptions.
 */
export function requestLineLogger(config: AppConfig, service: string): Logger {
  return pino({ level: config.logLevel, base: { service }, serializers }, logDestination());
}

/** Longest a shutdown waits for stdout to take the buffered lines; what is left goes out at exit. */
const SHUTDOWN_FLUSH_MS = 1000;

/**
 * Writes out the gathered lines while the event loop still runs: the exit handler writes what is
 * gathered synchronously, but cannot wait for a write already in flight.
 */
class LogFlushOnShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return logDestination().drained(SHUTDOWN_FLUSH_MS);
  }
}

/** Nest's logger on the HTTP adapter's pino: inside a request every line carries its correlation id. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, service: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [LogFlushOnShutdown],
      imports: [
        LoggerModule.forRoot({ pinoHttp: [loggerOptions(config, service), logDestination()], useExisting: true }),
      ],
    };
  }
}
