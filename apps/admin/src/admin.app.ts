import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '#core';
import { createHttpApp, type DocsOptions, previewOpenApiDocument } from '#runtime';
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
  await serveConsole(app, config);
  return app;
}

/** The document /docs-json serves outside production, built without a server or connections (npm run openapi). */
export function adminOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  return previewOpenApiDocument(AdminModule.forRoot(config), ADMIN_DOCS);
}
