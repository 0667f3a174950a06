import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { maskIdentifiers, maskPath, REDACTED_PATHS } from './redaction.js';

interface LoggedRequest {
  method?: string;
  url?: string;
}

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
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskIdentifiers(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, path: maskPath(req.url ?? '') }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: maskIdentifiers(err.message ?? '') }),
    },
  };
}

/** Nest's logger on the HTTP adapter's pino: inside a request every line carries its correlation id. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: loggerOptions(config, service), useExisting: true })],
    };
  }
}
