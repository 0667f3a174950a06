import type { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import type { TenantCall } from '../tenancy/tenant-call.js';

export const PDF_MEDIA_TYPE = 'application/pdf';

/**
 * Lets `application/pdf` request bodies in as the stream they are, under their own limit
 * (UTLEGGSTREKK_VEDLEGG_MAX_BYTES), while JSON routes keep HTTP_BODY_LIMIT_BYTES. Nothing is read
 * here: the upload is checked and counted as it streams upstream (libs/upstream CheckedUpload),
 * after TenantGuard established the tenant, so an oversized or false PDF is refused in the
 * tenant's own audit log.
 */
@Injectable()
export class UploadBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Fastify applies bodyLimit only to bodies it buffers; this one is passed on, and the limit is enforced as it streams.
    fastify.addContentTypeParser(
      PDF_MEDIA_TYPE,
      { bodyLimit: this.config.upstream.utleggstrekk.vedlegg.maxBytes },
      (_request, payload, done) => done(null, payload),
    );
  }
}

function isStream(body: unknown): body is Readable {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Readable).pipe === 'function' &&
    typeof (body as Readable).read === 'function'
  );
}

/** The request's PDF body as a stream; 415 when it was not sent as application/pdf. */
export function pdfStreamOf(call: TenantCall): Readable {
  if (!isStream(call.body))
    throw new DomainError(
      'unsupported-media-type',
      `The document must be sent as the raw file with Content-Type: ${PDF_MEDIA_TYPE}`,
    );
  return call.body;
}

/** A JSON operation given an upload: 415 rather than a body check on a stream. */
export function assertNotUpload(call: TenantCall): void {
  if (isStream(call.body))
    throw new DomainError(
      'unsupported-media-type',
      'This operation takes a JSON body (Content-Type: application/json)',
    );
}
