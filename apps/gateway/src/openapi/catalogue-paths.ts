/**
 * The gateway document's Skatteetaten operations, one path per catalogue operation. The runtime
 * route stays one wildcard (tenant-api.controller.ts: the catalogue, not the router, decides what is
 * an operation, and it decodes the path once), which Nest's explorer could only show as
 * `/api/v1/{orgnr}/{path}` under every method; integrators generate clients from this document, so
 * it is written from the catalogue instead: parameters with their formats, the context headers, the
 * body's model, Skatteetaten's answer and the problem codes each operation can give.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ProblemCode, UpstreamConfig } from '#core';
import { ALLOWED_PURPOSE, API_RULES, LEGAL_BASIS_CODES, type RequiredInput } from '#policy';
import { problemResponses } from '#runtime';
import type { ApiDefinition, Catalogue, OperationDefinition } from '#upstream';
import { openApiSchemasOf, toOpenApi30 } from './json-schema.js';
import { operationProblems } from './operation-problems.js';
import { ORGNR_PARAMETER } from './tenant-route.js';
import { INNTEKT_EXAMPLE, INNTEKTSMOTTAKER_SCHEMA } from './skatteetaten/inntekt.js';
import { SUMMERT_SKATTEGRUNNLAG_SCHEMAS } from './skatteetaten/summert-skattegrunnlag.js';
import { SUMMERT_SKATTEGRUNNLAG_EXAMPLE } from './skatteetaten/summert-skattegrunnlag-example.js';
import { utleggstrekkSchemas } from './skatteetaten/utleggstrekk.js';
import { BESLUTNING_1_0_EXAMPLE, OPPSLAG_SAMORDNET_TREKK_EXAMPLE } from './skatteetaten/utleggstrekk-examples.js';

type Schema = Record<string, unknown>;

const TAG = 'Skatteetaten APIs';
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** What the catalogue does not say about an operation: its words, and Skatteetaten's answer. */
interface OperationDocs {
  summary: string;
  description: string;
  /** The component of the success answer's JSON, and an example of it where Skatteetaten published one. */
  answer: { schema: string; example?: unknown; status?: 200 | 201 };
}

const OPERATION_DOCS: Record<string, OperationDocs> = {
  'inntekt.hent-inntekter': {
    summary: "A person's income, deductions and withholding tax reported in a-ordningen, per month",
    description:
      'Inntekt API. The period is calendar months `YYYY-MM`; without `tilOgMed` it runs to the current month. The answer is Skatteetaten\'s own (schema: Skatteetaten\'s published Inntektsmottaker.json; fields Skatteetaten made optional in 2025/2026 are not required here).',
    answer: { schema: 'Inntekt', example: INNTEKT_EXAMPLE },
  },
  'summertskattegrunnlag.hent-skattegrunnlag': {
    summary: "A person's summed tax basis (skatteoppgjør) for an income year",
    description:
      "Summert skattegrunnlag API V2, stadie `oppgjoer`. The answer is Skatteetaten's own; which items and specifications it holds changes each income year.",
    answer: { schema: 'SummertSkattegrunnlag', example: SUMMERT_SKATTEGRUNNLAG_EXAMPLE },
  },
  'utleggstrekk.oppslag-samordnet-trekk': {
    summary: 'Whether a debtor has or has had samordnet trekk under the new regime',
    description:
      "Oppslag samordnet trekk fra kommune 1.0. During the 2026 transition a registration needs a recent oppslag for its debtor that answered yes; the gateway records the answer (never the number). Skatteetaten's answer is passed through unchanged.",
    answer: { schema: 'SamordnetTrekk' },
  },
  'utleggstrekk.send-beslutning': {
    summary: 'Registers a decision of utleggstrekk (beslutning om trekk fra kommune)',
    description:
      "Stored first, then sent by a durable job with retries; the same Idempotency-Key from the same caller returns the same outcome. Skatteetaten's receipt (201) when it comes in time, else 202 and the registration's status URL (`Location`).",
    answer: { schema: 'BeslutningKvittering' },
  },
  'utleggstrekk.last-opp-vedlegg': {
    summary: 'Uploads a decision document (PDF); Skatteetaten answers the uuid a registration references it by',
    description:
      "The raw PDF as the body, judged by its `%PDF-` first bytes and capped while it streams (UTLEGGSTREKK_VEDLEGG_MAX_BYTES). The uuid is passed on only once the platform has recorded that this tenant uploaded it; a registration may reference only its own tenant's uploads (400 `vedlegg-unknown`). Skatteetaten's answer is passed through unchanged.",
    answer: { schema: 'VedleggKvittering', status: 201 },
  },
};

/** The example body of a model, where Skatteetaten published one. */
const BODY_EXAMPLES: Record<string, unknown> = {
  'Oppslag samordnet trekk fra kommune 1.0': OPPSLAG_SAMORDNET_TREKK_EXAMPLE,
  'Beslutning om trekk fra kommune 1.0': BESLUTNING_1_0_EXAMPLE,
};

const YEAR_MONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** Every path and query parameter a catalogue operation may have, with its format. */
const PARAMETER_FORMATS: Record<string, { description: string; schema: Schema; example: string }> = {
  personidentifikator: {
    description: 'The data subject: fødselsnummer or d-nummer, 11 digits with valid check digits',
    schema: { type: 'string', pattern: '^[0-9]{11}$' },
    example: '01029413157',
  },
  inntektsaar: {
    description: 'The income year, YYYY',
    schema: { type: 'string', pattern: '^[0-9]{4}$' },
    example: '2025',
  },
  fraOgMed: {
    description: 'First calendar month, YYYY-MM (not before 2015-01)',
    schema: { type: 'string', pattern: YEAR_MONTH },
    example: '2025-01',
  },
  tilOgMed: {
    description: 'Last calendar month, YYYY-MM (at most the current month)',
    schema: { type: 'string', pattern: YEAR_MONTH },
    example: '2025-06',
  },
};


/** The request context every catalogue operation must carry (DESIGN §4), judged by the policy. */
const CONTEXT_HEADERS = [
  {
    name: 'X-Legal-Basis',
    in: 'header',
    required: true,
    description: "The claim's legal basis; it must be listed in the tenant's declaration",
    schema: { type: 'string', enum: [...LEGAL_BASIS_CODES] },
  },
  {
    name: 'X-Purpose',
    in: 'header',
    required: true,
    description: 'The purpose of the look-up; only this one is allowed',
    schema: { type: 'string', enum: [ALLOWED_PURPOSE] },
  },
  {
    name: 'X-Case-Reference',
    in: 'header',
    required: true,
    description:
      "The municipality's case: 1-64 letters, digits, spaces or . _ / : # -, never a personal identifier",
    schema: { type: 'string', minLength: 1, maxLength: 64 },
    example: 'SAK-2026-1',
  },
  {
    name: 'X-End-User',
    in: 'header',
    required: true,
    description: "The municipality's user behind the request: 1-128 letters, digits or . _ @ : + -, never a personal identifier",
    schema: { type: 'string', minLength: 1, maxLength: 128 },
    example: 'saksbehandler-1',
  },
];

const CORRELATION_HEADER = {
  name: 'X-Correlation-ID',
  in: 'header',
  required: false,
  description: 'Chooses the correlation id of the request (letters, digits, ._:-, at most 128); echoed back',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
};

const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: "The caller's key of this registration (1-200 visible ASCII characters): a retry with it never registers twice",
  schema: { type: 'string', pattern: '^[!-~]{1,200}$' },
};

const ANSWER_HEADERS = {
  Korrelasjonsid: { description: "The upstream call's Korrelasjonsid", schema: { type: 'string' } },
  'X-Correlation-ID': { description: "The request's correlation id", schema: { type: 'string' } },
};

const REGISTRATION_HEADERS = {
  'Registration-Id': { description: "The registration's id on the platform", schema: { type: 'string', format: 'uuid' } },
  'Idempotent-Replayed': {
    description: 'true when the Idempotency-Key was seen before and this is its stored outcome',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The gateway's own answers to a registration that has not (or not in time) produced Skatteetaten's receipt. */
const REGISTRATION_SCHEMAS: Record<string, Schema> = {
  RegistrationAccepted: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['accepted', 'sending', 'unknown'] },
      statusUrl: { type: 'string', example: '/api/v1/958935420/utleggstrekk/beslutninger/{id}' },
    },
    required: ['id', 'status', 'statusUrl'],
  },
  RegistrationDuplicate: {
    type: 'object',
    description:
      'Settled by Skatteetaten\'s duplicate answer (DUPLIKAT_INNSENDING for its reference): an earlier attempt arrived, its receipt was lost',
    properties: {
      id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['completed'] },
      statusUrl: { type: 'string' },
      detail: { type: 'string' },
    },
    required: ['id', 'status', 'statusUrl', 'detail'],
  },
};

/** The gateway document with one path per catalogue operation added. */
export function withCatalogueOperations(
  catalogue: Catalogue,
  upstream: UpstreamConfig,
): (document: OpenAPIObject) => OpenAPIObject {
  return (document) => {
    const schemas: Record<string, Schema> = {
      ...openApiSchemasOf(INNTEKTSMOTTAKER_SCHEMA, 'Inntekt', {
        Inntekt: ['beloep', 'fordel'],
        OppgaveInntektsmottaker: ['inntektsmottaker', 'kalendermaaned'],
      }),
      ...SUMMERT_SKATTEGRUNNLAG_SCHEMAS,
      ...utleggstrekkSchemas(upstream.utleggstrekk.samordnetTrekkField),
      ...REGISTRATION_SCHEMAS,
    };
    const paths = { ...document.paths };
    for (const api of Object.values(catalogue)) {
      for (const operation of api.operations) {
        const path = documentPathOf(api, operation);
        paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(api, operation) };
        if (operation.body) schemas[bodySchemaName(operation)] = toOpenApi30(operation.body.schema) as Schema;
      }
    }
    return {
      ...document,
      paths: sortedByKey(paths),
      components: { ...document.components, schemas: sortedByKey({ ...document.components?.schemas, ...schemas }) },
    };
  };
}

/** `/api/v1/{orgnr}/{api}` and the upstream path, with the values fixed for this service written in. */
function documentPathOf(api: ApiDefinition, operation: OperationDefinition): string {
  const upstream = operation.pathTemplate.replace(
    /\{(\w+)\}/g,
    (whole, name: string) => operation.fixedPathValues[name] ?? whole,
  );
  return `/api/v1/{orgnr}/${api.name}${upstream}`;
}

function pathParameterNames(operation: OperationDefinition): string[] {
  return [...operation.pathTemplate.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .filter((name) => !(name in operation.fixedPathValues));
}

function parameter(name: string, where: 'path' | 'query', required: boolean): Schema {
  const format = PARAMETER_FORMATS[name];
  if (!format) throw new Error(`catalogue-paths: no format for the parameter ${name}; add it to PARAMETER_FORMATS`);
  return { name, in: where, required, ...format };
}

function bodySchemaName(operation: OperationDefinition): string {
  return `${operation.id.split('.')[1].replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}Body`;
}

function operationObject(api: ApiDefinition, operation: OperationDefinition): Schema {
  const docs = OPERATION_DOCS[operation.id];
  if (!docs) throw new Error(`catalogue-paths: no OPERATION_DOCS entry for ${operation.id}`);
  const parameters = [
    ORGNR_PARAMETER,
    ...pathParameterNames(operation).map((name) => parameter(name, 'path', true)),
    ...operation.requiredQuery.map((name) => parameter(name, 'query', true)),
    ...operation.optionalQuery.map((name) => parameter(name, 'query', false)),
    ...CONTEXT_HEADERS,
    ...(operation.registers ? [IDEMPOTENCY_KEY_HEADER] : []),
    CORRELATION_HEADER,
  ];
  const required: readonly RequiredInput[] = API_RULES[api.name].required;
  const problems: ProblemCode[] = operationProblems(operation, required);
  return {
    operationId: operation.id,
    tags: [TAG],
    summary: docs.summary,
    description: `${docs.description}\n\nCatalogue operation \`${operation.id}\`: ${operation.method} ${api.name}${operation.pathTemplate} at Skatteetaten.`,
    security: [{ bearer: [] }],
    parameters,
    ...(operation.upload
      ? {
          requestBody: {
            required: true,
            description: `The document itself, at most ${operation.upload.maxBytes} bytes.`,
            content: { [operation.upload.mediaType]: { schema: { type: 'string', format: 'binary' } } },
          },
        }
      : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            description: `${operation.body.model}. Every object is closed: a field the model does not have is refused (400 \`invalid-body\`).`,
            content: {
              'application/json': {
                schema: ref(bodySchemaName(operation)),
                ...(BODY_EXAMPLES[operation.body.model] ? { example: BODY_EXAMPLES[operation.body.model] } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      ...(operation.registers
        ? registrationAnswers(docs)
        : { [docs.answer.status ?? 200]: answerOf(docs, "Skatteetaten's answer", ANSWER_HEADERS) }),
      ...Object.fromEntries(
        problemResponses(problems).map(({ status, description, content }) => [status, { description, content }]),
      ),
    },
  };
}

/** Skatteetaten's answer in JSON (schema and example) or, when asked for with Accept, in XML. */
function answerOf(docs: OperationDocs, description: string, headers: Record<string, Schema>): Schema {
  return {
    description,
    headers,
    content: {
      'application/json': {
        schema: ref(docs.answer.schema),
        ...(docs.answer.example === undefined ? {} : { example: docs.answer.example }),
      },
      'application/xml': { schema: { type: 'string' } },
    },
  };
}

function registrationAnswers(docs: OperationDocs): Record<string, Schema> {
  const headers = { ...ANSWER_HEADERS, ...REGISTRATION_HEADERS };
  return {
    200: {
      description: 'Settled by a duplicate answer from Skatteetaten: the first receipt never came back',
      headers,
      content: { 'application/json': { schema: ref('RegistrationDuplicate') } },
    },
    201: answerOf(docs, "Skatteetaten's receipt, within REGISTRATION_WAIT_MS", headers),
    202: {
      description: 'Accepted and stored; follow it at `Location` (GET …/utleggstrekk/beslutninger/{id})',
      headers: { ...headers, Location: { description: "The registration's status URL", schema: { type: 'string' } } },
      content: { 'application/json': { schema: ref('RegistrationAccepted') } },
    },
  };
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
