import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Problem } from './problem.schema.js';

export interface DocsOptions {
  title: string;
  description: string;
  /** What the routes' decorators cannot say (the gateway's catalogue operations), added last. */
  complete?: (document: OpenAPIObject) => OpenAPIObject;
}

/** The OpenAPI document of a built app: the one served at /docs-json and the one committed in openapi/. */
export function openApiDocument(app: INestApplication, docs: DocsOptions): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(docs.title)
      .setDescription(docs.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [Problem] },
  );
  return docs.complete ? docs.complete(document) : document;
}

/**
 * The document of a root module without a server or a connection: Nest's preview mode registers
 * the routes and their metadata but constructs no provider, so no database, Redis or upstream is
 * touched (what `npm run openapi` and the drift test need).
 */
export async function previewOpenApiDocument(rootModule: DynamicModule, docs: DocsOptions): Promise<OpenAPIObject> {
  const app = await NestFactory.create(rootModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return openApiDocument(app, docs);
  } finally {
    await app.close();
  }
}
