import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '#core';
import { createHttpApp, type DocsOptions, previewOpenApiDocument } from '#runtime';
import { PDF } from '#tenancy';
import { AdminModule } from './admin.module.js';
import { serveConsole } from './console/serve-console.js';

const ADMIN_DOCS: DocsOptions = {
  title: 'Delingsmegler admin',
  description: 'Operator API: onboarding of municipalities, policy, incidents and audit. Operator token required.',
};

export async function createAdminApp(config: AppConfig): Promise<NestFastifyApplication> {
  // The operator API's documentation is not published in production: it maps the whole admin surface.
  const docs = config.environment === 'prod' ? undefined : ADMIN_DOCS;
  const app = await createHttpApp('admin', AdminModule.forRoot(config), config, { docs });
  // Signed declaration documents arrive as raw PDF bytes, up to their own cap (413 payload-too-large beyond).
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      PDF,
      { parseAs: 'buffer', bodyLimit: config.onboarding.documents.maxBytes },
      (_request, body, done) => done(null, body),
    );
  await serveConsole(app, config);
  return app;
}

/** The document /docs-json serves outside production, built without a server or connections (npm run openapi). */
export function adminOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  return previewOpenApiDocument(AdminModule.forRoot(config), ADMIN_DOCS);
}
