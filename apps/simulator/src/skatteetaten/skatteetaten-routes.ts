import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { ApiHandler } from './api-handler.js';
import { InntektHandler } from './inntekt.handler.js';
import { SkatteetatenPipeline } from './skatteetaten-pipeline.js';
import { SummertSkattegrunnlagHandler } from './summert-skattegrunnlag.handler.js';
import { UtleggstrekkHandler } from './utleggstrekk.handler.js';

/** The largest document the stand-in takes (Skatteetaten's own limit is unpublished). */
const MAX_VEDLEGG_BYTES = 26_214_400;

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
    // Uploads arrive as the raw file; the handler judges the bytes.
    fastify.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: MAX_VEDLEGG_BYTES },
      (_request, body, done) => done(null, body),
    );
    for (const handler of [this.inntekt, this.summert, this.utleggstrekk] as ApiHandler[]) {
      fastify.route({
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        url: `${handler.api.prefix}/*`,
        handler: (request, reply) => this.pipeline.handle(handler, request, reply),
      });
    }
  }
}
