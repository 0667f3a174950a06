import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { ApiHandler } from './api-handler.js';
import { InntektHandler } from './inntekt.handler.js';
import { SkatteetatenPipeline } from './skatteetaten-pipeline.js';
import { SummertSkattegrunnlagHandler } from './summert-skattegrunnlag.handler.js';
import { UtleggstrekkHandler } from './utleggstrekk.handler.js';

/**
 * Skatteetaten's services as plain Fastify routes under `/inntekt`, `/summertskattegrunnlag` and
 * `/utleggstrekk`: they answer Skatteetaten's bodies byte for byte, outside Nest's problem+json.
 */
@Injectable()
export class SkatteetatenRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pipeline: SkatteetatenPipeline,
    private readonly inntekt: InntektHandler,
    private readonly summert: SummertSkattegrunnlagHandler,
    private readonly utleggstrekk: UtleggstrekkHandler,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const handler of [this.inntekt, this.summert, this.utleggstrekk] as ApiHandler[]) {
      fastify.route({
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        url: `${handler.api.prefix}/*`,
        handler: (request, reply) => this.pipeline.handle(handler, request, reply),
      });
    }
  }
}
