import type { DynamicModule } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import {
  type AppConfig,
  CORRELATION_HEADER,
  correlationIdFor,
  createValidationPipe,
  logDestination,
  loggerOptions,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  type ProcessName,
  ProblemFilter,
  requestChildLogger,
  requestLineLogger,
  routeTemplateOf,
} from '#core';
import { MetricsRegistry } from './metrics/metrics.module.js';
import { type DocsOptions, openApiDocument } from './openapi/document.js';
import { RequestLogController } from './request-log.js';
import { exitWithStartError } from './start-gate.js';

export interface HttpAppOptions {
  /** Serve OpenAPI at /docs and /docs-json. */
  docs?: DocsOptions;
}

/** Builds a Fastify-based Nest app with the platform's logging, errors, validation, metrics and docs. */
export async function createHttpApp(
  service: string,
  rootModule: DynamicModule,
  config: AppConfig,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // Only the named proxies may say who the client is (request.ip); by default the socket's peer.
    ...(config.http.trustProxy.length > 0 ? { trustProxy: config.http.trustProxy } : {}),
    // A slow or stalled client cannot hold a socket for ever: the whole request must arrive in
    // time, and an idle socket is closed.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    // The router refuses a path it cannot decode before any hook runs: answer it as a problem, without echoing the path.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const bad = error.code === 'FST_ERR_BAD_URL';
      const status = bad ? 400 : (error.statusCode ?? 400);
      const body = bad
        ? problemBody(
            'path-invalid',
            'The path has a % that does not start a valid percent-encoded character',
            String(request.id),
          )
        : problemBody('invalid-request', 'The request path could not be routed', String(request.id), status);
      // Fastify's error callback is synchronous; send() writes the answer and its thenable is not needed.
      void reply
        .code(status)
        .header(CORRELATION_HEADER, request.id)
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(body));
    },
    genReqId: correlationIdFor,
    requestIdHeader: false,
    logger: { ...loggerOptions(config, service), stream: logDestination() },
    logController: new RequestLogController(requestLineLogger(config, service)),
    childLoggerFactory: requestChildLogger,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter(app.get(HttpAdapterHost)));
  app.useGlobalPipes(createValidationPipe());
  // Ends with process.exit once the app is closed (not by re-raising the signal), so the exit
  // handler writes out the buffered log lines (#core logDestination).
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  const metrics = app.get(MetricsRegistry);
  const fastify = app.getHttpAdapter().getInstance();
  // Callback hooks, not async ones: every request passes both, and a promise each is measurable.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // The route template, never the raw path: paths carry personal identifiers.
    const route = routeTemplateOf(request) ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  if (options.docs) {
    const document = openApiDocument(app, options.docs);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}

/**
 * Process entry, after start-gate's configOrExit: builds the app and listens. Any start-up
 * failure ends the process with one clear line.
 */
export async function runMain(
  service: ProcessName,
  config: AppConfig,
  create: (config: AppConfig) => Promise<NestFastifyApplication>,
  portOf: (config: AppConfig) => number,
): Promise<void> {
  try {
    const app = await create(config);
    await app.listen({ port: portOf(config), host: config.host });
  } catch (error) {
    exitWithStartError(service, error);
  }
}
