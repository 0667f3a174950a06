import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { OPENAPI_DIR, openApiDocuments } from '#openapi';

const run = promisify(execFile);

type Schema = { type?: string; enum?: unknown[]; $ref?: string; items?: Schema };
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

describe('the committed OpenAPI documents', () => {
  it.each(['gateway.json', 'admin.json'])('openapi/%s is what the code generates (else: npm run openapi)', async (name) => {
    const generated = (await openApiDocuments())[name];
    const committed = await readFile(join(OPENAPI_DIR, name), 'utf8').catch(() => '(missing)');
    // On a difference, the message says what to do rather than printing 200 kB of JSON.
    expect(committed === generated ? 'in step' : 'drifted: run npm run openapi and commit openapi/').toBe('in step');
  });

  it.each(['gateway.json', 'admin.json'])('every route of %s declares its success and its problem answers', async (name) => {
    const document = JSON.parse(await readFile(join(OPENAPI_DIR, name), 'utf8')) as Document;
    const undeclared = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) => {
        const statuses = Object.keys(operation.responses).map(Number);
        const problems = Object.entries(operation.responses).filter(
          ([status, response]) =>
            Number(status) >= 400 && 'application/problem+json' in ((response as { content?: object }).content ?? {}),
        );
        const success = statuses.some((status) => status >= 200 && status < 300);
        return success && problems.length > 0 ? [] : [`${method.toUpperCase()} ${path}`];
      }),
    );
    expect(undeclared).toEqual([]);
  });

  it('the gateway document lists each catalogue operation as its own path, not the wildcard', async () => {
    const document = JSON.parse(await readFile(join(OPENAPI_DIR, 'gateway.json'), 'utf8')) as Document;
    expect(Object.keys(document.paths)).not.toContain('/api/v1/{orgnr}/{path}');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((operation) => operation.operationId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'inntekt.hent-inntekter',
        'summertskattegrunnlag.hent-skattegrunnlag',
        'utleggstrekk.oppslag-samordnet-trekk',
        'utleggstrekk.send-beslutning',
        'utleggstrekk.last-opp-vedlegg',
      ]),
    );
    const send = document.paths['/api/v1/{orgnr}/utleggstrekk/v1/beslutninger'].post;
    expect(send.parameters?.find((parameter) => parameter.name === 'Idempotency-Key')?.required).toBe(true);
  });
});

/**
 * A client generated from the committed gateway document with openapi-typescript type-checks one
 * call per operation (values from each parameter's type, bodies from the published examples) and
 * a few hand-written uses that must and must not compile.
 */
describe('a TypeScript client generated from openapi/gateway.json', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('type-checks a call of every operation', async () => {
    await run(process.execPath, [
      'node_modules/openapi-typescript/bin/cli.js',
      join(OPENAPI_DIR, 'gateway.json'),
      '--output',
      join(dir, 'gateway.ts'),
    ]);
    const document = JSON.parse(await readFile(join(OPENAPI_DIR, 'gateway.json'), 'utf8')) as Document;
    await writeFile(join(dir, 'usage.ts'), usageOf(document));

    const program = ts.createProgram([join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      lib: ['lib.es2022.d.ts'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${diagnostic.file.fileName.slice(dir.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});

/** A value of a parameter's type: its first enum value, else a plain one of its type. */
function valueOf(schema: Schema, document: Document): unknown {
  if (schema.$ref) return valueOf(document.components.schemas[schema.$ref.split('/').pop()!], document);
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [valueOf(schema.items ?? {}, document)];
  return '1';
}

function usageOf(document: Document): string {
  const calls: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const params: Record<string, Record<string, unknown>> = {};
      for (const parameter of operation.parameters ?? []) {
        if (!parameter.required && parameter.in !== 'path') continue;
        params[parameter.in] = { ...params[parameter.in], [parameter.name]: valueOf(parameter.schema, document) };
      }
      const json = operation.requestBody?.content['application/json'];
      const example = json?.example;
      if (json && example === undefined)
        throw new Error(`${operation.operationId}: give its request body an example`);
      const body = example === undefined ? '' : `, body: ${JSON.stringify(example)}`;
      calls.push(`  await call(${JSON.stringify(path)}, ${JSON.stringify(method)}, { params: ${JSON.stringify(params)}${body} });`);
    }
  }
  return `${USAGE_PRELUDE}
export async function everyOperation(): Promise<void> {
${calls.join('\n')}
}
`;
}

/** The typed fetch a client library would give, and uses of it that must (not) compile. */
const USAGE_PRELUDE = `import type { components, paths } from './gateway.js';

type Method = 'get' | 'post' | 'put' | 'patch';
type Params<O> = O extends { parameters: infer P } ? P : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Answer<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;

declare function call<P extends keyof paths, M extends Method & keyof paths[P]>(
  path: P,
  method: M,
  request: { params: Params<paths[P][M]>; body?: BodyOf<paths[P][M]> },
): Promise<Answer<paths[P][M]>>;

const context = {
  'X-Legal-Basis': 'vegtrafikkloven-38',
  'X-Purpose': 'innkreving-kommunale-krav',
  'X-Case-Reference': 'SAK-2026-1',
  'X-End-User': 'saksbehandler-1',
} as const;

export async function handWritten(): Promise<string | undefined> {
  const inntekt = await call('/api/v1/{orgnr}/inntekt/v1/saernamsmann/{personidentifikator}/inntekter', 'get', {
    params: {
      path: { orgnr: '958935420', personidentifikator: '01029413157' },
      query: { fraOgMed: '2025-01' },
      header: context,
    },
  });
  const month: string | undefined = inntekt.oppgaveInntektsmottaker?.[0]?.kalendermaaned;

  await call('/api/v1/{orgnr}/utleggstrekk/v1/oppslag/samordnettrekk', 'post', {
    params: { path: { orgnr: '958935420' }, header: context },
    body: { skyldner: { taxIdentificationNumber: '312597772', landkodeIdentifikator: 'NO' } },
  });

  await call('/api/v1/{orgnr}/summertskattegrunnlag/v2/oppgjoer/saernamsmann/{inntektsaar}/{personidentifikator}', 'get', {
    // @ts-expect-error the purpose is the one allowed value
    params: { path: { orgnr: '958935420', inntektsaar: '2025', personidentifikator: '01029413157' }, header: { ...context, 'X-Purpose': 'markedsfoering' } },
  });

  const uploaded = await call('/api/v1/{orgnr}/utleggstrekk/v1/vedlegg', 'post', {
    params: { path: { orgnr: '958935420' }, header: context },
  });
  const reference: string = uploaded.uuid;

  await call('/api/v1/{orgnr}/utleggstrekk/v1/beslutninger', 'post', {
    // @ts-expect-error a registration needs an Idempotency-Key
    params: { path: { orgnr: '958935420' }, header: context },
  });

  // @ts-expect-error a path outside the catalogue is not in the document
  await call('/api/v1/{orgnr}/inntekt/v1/{rettighetspakke}/{personidentifikator}/inntekter', 'get', { params: {} });

  const problem: components['schemas']['Problem'] = {
    type: 'urn:delingsmegler:problem:subject-blocked',
    title: 'Look-ups of this data subject are blocked',
    status: 403,
    code: 'subject-blocked',
    detail: 'blocked',
  };
  return month ?? reference + problem.code;
}
`;
