import type { OpenAPIObject } from '@nestjs/swagger';

const CONTACTS_PATH = '/api/v1/{orgnr}/agreement/contacts/{id}';

/** Example bodies of the contact routes (Nest's decorators cannot set a request body's `example`). */
const EXAMPLES: Record<string, unknown> = {
  patch: { email: 'kari.nordmann@kommune.no', roles: ['technical', 'security'] },
  put: { name: 'Kari Nordmann', email: 'kari.nordmann@kommune.no', phone: '+47 22 00 00 00', roles: ['technical'] },
};

type RequestBody = { content?: Record<string, Record<string, unknown>> };

/** The gateway document with the agreement's contact routes given example bodies. */
export function withAgreementExamples(document: OpenAPIObject): OpenAPIObject {
  const path = document.paths[CONTACTS_PATH] as Record<string, { requestBody?: RequestBody }> | undefined;
  if (!path) return document;
  const methods = Object.fromEntries(
    Object.entries(path).map(([method, operation]) => {
      const json = operation.requestBody?.content?.['application/json'];
      if (!json || !(method in EXAMPLES)) return [method, operation];
      const requestBody = { ...operation.requestBody, content: { 'application/json': { ...json, example: EXAMPLES[method] } } };
      return [method, { ...operation, requestBody }];
    }),
  );
  return { ...document, paths: { ...document.paths, [CONTACTS_PATH]: methods } };
}
