import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '#core';
import { createHttpApp, type DocsOptions, previewOpenApiDocument } from '#runtime';
import { buildCatalogue } from '#upstream';
import { GatewayModule } from './gateway.module.js';
import { withAgreementExamples } from './openapi/agreement-examples.js';
import { withCatalogueOperations } from './openapi/catalogue-paths.js';

function gatewayDocs(config: AppConfig): DocsOptions {
  const catalogueOperations = withCatalogueOperations(buildCatalogue(config.upstream), config.upstream);
  return {
    title: 'Delingsmegler gateway',
    description:
      'Tenant-facing API: municipalities fetch income and tax-basis data from Skatteetaten and register wage attachments, under policy and audit.',
    complete: (document) => withAgreementExamples(catalogueOperations(document)),
  };
}

export function createGatewayApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createHttpApp('gateway', GatewayModule.forRoot(config), config, { docs: gatewayDocs(config) });
}

/** The document /docs-json serves, built without a server or connections (npm run openapi). */
export function gatewayOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  return previewOpenApiDocument(GatewayModule.forRoot(config), gatewayDocs(config));
}
