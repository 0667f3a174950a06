/**
 * The API catalogue as data: which upstream operations a municipality may reach through the
 * gateway, and what each needs. What Skatteetaten has not published firmly (utleggstrekk host and
 * paths, scope names) comes from configuration (libs/core upstream-config.ts), never from code.
 */
import { API_NAMES, type ApiName, type ConcurrencyScope, type UpstreamConfig } from '#core';
import { BESLUTNING_CONTRACTS, type BodyContract, OPPSLAG_CONTRACT } from './bodies/body-contracts.js';

interface OperationBase {
  /** Stable id, used in policy decisions, audit events and metrics. */
  id: string;
  api: ApiName;
  /** Upstream path below the API's base URL; `{name}` segments are parameters. */
  pathTemplate: string;
  /** Path parameters whose value is fixed for this service (e.g. rettighetspakke = saernamsmann). */
  fixedPathValues: Record<string, string>;
  requiredQuery: string[];
  optionalQuery: string[];
  /** Changes upstream state: needs an Idempotency-Key and goes through the durable job. */
  registers: boolean;
}

/**
 * What a binary upload accepts: one media type, recognised by the file's first bytes (a name or a
 * Content-Type header alone proves nothing), up to a size.
 */
export interface UploadContract {
  mediaType: 'application/pdf';
  /** The bytes every such file starts with. */
  magic: Buffer;
  maxBytes: number;
}

export const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * A POST carries a JSON body, so it must name its body's contract (schema and data subject), or it
 * is a binary upload and names its upload contract: the type leaves no way to forget either.
 */
export type OperationDefinition =
  | (OperationBase & { method: 'GET'; body?: undefined; upload?: undefined })
  | (OperationBase & { method: 'POST'; body: BodyContract; upload?: undefined })
  | (OperationBase & { method: 'POST'; upload: UploadContract; body?: undefined });

export interface ApiDefinition {
  name: ApiName;
  baseUrl: string;
  /** The Maskinporten scope of a token for this API. */
  scope: string;
  /** Whether Skatteetaten's concurrent-call limit counts per municipality or for the platform's client. */
  concurrencyScope: ConcurrencyScope;
  rettighetspakke: string;
  operations: OperationDefinition[];
}

export type Catalogue = Record<ApiName, ApiDefinition>;

export interface MatchedOperation {
  api: ApiDefinition;
  operation: OperationDefinition;
  /** Path parameters by name, as sent by the caller (not yet validated). */
  params: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/**
 * The catalogue operation for a method and the path below `/api/v1/{orgnr}/{api}`, or undefined.
 * Only the shape is matched; parameter values are the policy's to judge.
 */
export function matchOperation(
  catalogue: Catalogue,
  apiName: string,
  method: string,
  path: string,
): MatchedOperation | undefined {
  if (!(API_NAMES as readonly string[]).includes(apiName)) return undefined;
  const api = catalogue[apiName as ApiName];
  const given = segments(path);
  for (const operation of api.operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const template = segments(operation.pathTemplate);
    if (template.length !== given.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) {
        params[name] = decodeURIComponent(given[i]);
        return true;
      }
      return part === given[i];
    });
    if (matches) return { api, operation, params };
  }
  return undefined;
}

/** The upstream URL path for an operation and its parameters (each encoded). */
export function expandPath(operation: OperationDefinition, params: Record<string, string>): string {
  return operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
const RETTIGHETSPAKKE = 'saernamsmann';

/** The decision-document upload, whose uuid a registration must reference. */
export const LAST_OPP_VEDLEGG = 'utleggstrekk.last-opp-vedlegg';

/** The oppslag whose answers the gateway records for the 2026 transition rule. */
export const OPPSLAG_SAMORDNET_TREKK = 'utleggstrekk.oppslag-samordnet-trekk';

/** The catalogue for one environment. */
export function buildCatalogue(config: UpstreamConfig): Catalogue {
  const { apis, utleggstrekk } = config;
  return {
    inntekt: {
      name: 'inntekt',
      ...apis.inntekt,
      rettighetspakke: RETTIGHETSPAKKE,
      operations: [
        {
          id: 'inntekt.hent-inntekter',
          api: 'inntekt',
          method: 'GET',
          pathTemplate: '/v1/{rettighetspakke}/{personidentifikator}/inntekter',
          fixedPathValues: { rettighetspakke: RETTIGHETSPAKKE },
          requiredQuery: ['fraOgMed'],
          optionalQuery: ['tilOgMed'],
          registers: false,
        },
      ],
    },
    summertskattegrunnlag: {
      name: 'summertskattegrunnlag',
      ...apis.summertskattegrunnlag,
      rettighetspakke: RETTIGHETSPAKKE,
      operations: [
        {
          id: 'summertskattegrunnlag.hent-skattegrunnlag',
          api: 'summertskattegrunnlag',
          method: 'GET',
          pathTemplate: '/v2/{stadie}/{rettighetspakke}/{inntektsaar}/{personidentifikator}',
          fixedPathValues: { stadie: 'oppgjoer', rettighetspakke: RETTIGHETSPAKKE },
          requiredQuery: [],
          optionalQuery: [],
          registers: false,
        },
      ],
    },
    utleggstrekk: {
      name: 'utleggstrekk',
      ...apis.utleggstrekk,
      rettighetspakke: RETTIGHETSPAKKE,
      operations: [
        {
          id: OPPSLAG_SAMORDNET_TREKK,
          api: 'utleggstrekk',
          method: 'POST',
          pathTemplate: utleggstrekk.oppslagPath,
          fixedPathValues: {},
          requiredQuery: [],
          optionalQuery: [],
          registers: false,
          body: OPPSLAG_CONTRACT,
        },
        {
          id: 'utleggstrekk.send-beslutning',
          api: 'utleggstrekk',
          method: 'POST',
          pathTemplate: utleggstrekk.beslutningPath,
          fixedPathValues: {},
          requiredQuery: [],
          optionalQuery: [],
          registers: true,
          body: BESLUTNING_CONTRACTS[utleggstrekk.beslutningModel],
        },
        {
          // Not a registration: an upload changes nothing a decision depends on until one references its uuid.
          id: LAST_OPP_VEDLEGG,
          api: 'utleggstrekk',
          method: 'POST',
          pathTemplate: utleggstrekk.vedlegg.path,
          fixedPathValues: {},
          requiredQuery: [],
          optionalQuery: [],
          registers: false,
          upload: { mediaType: 'application/pdf', magic: PDF_MAGIC, maxBytes: utleggstrekk.vedlegg.maxBytes },
        },
      ],
    },
  };
}
