import type { EnvReader } from '../../core/src/config/env-reader.js';
import type { ApiName, Catalogue } from './catalogue.js';

export interface UpstreamApiConfig {
  baseUrl: string;
  scope: string;
}

export interface UpstreamConfig {
  apis: Record<ApiName, UpstreamApiConfig>;
  utleggstrekk: { oppslagPath: string; beslutningPath: string };
}

/**
 * Base URLs default to the local simulator; in production they are Skatteetaten's hosts, e.g.
 * https://inntekt.api.skatteetaten.no (the version is part of each operation's path).
 */
export function readUpstreamConfig(read: EnvReader, simulatorUrl: string): UpstreamConfig {
  const api = (name: ApiName, scope: string): UpstreamApiConfig => ({
    baseUrl: read.url(`UPSTREAM_${name.toUpperCase()}_URL`, ['http', 'https'], `${simulatorUrl}/${name}`).replace(/\/$/, ''),
    scope: read.string(`UPSTREAM_${name.toUpperCase()}_SCOPE`, scope),
  });
  const path = (name: string, fallback: string): string => {
    const value = read.string(name, fallback);
    if (!/^(\/[\w.-]+)+$/.test(value)) read.fail(`${name} must be a path like /v1/oppslag`);
    return value;
  };
  return {
    apis: {
      inntekt: api('inntekt', 'skatteetaten:inntekt'),
      summertskattegrunnlag: api('summertskattegrunnlag', 'skatteetaten:summertskattegrunnlag'),
      utleggstrekk: api('utleggstrekk', 'skatteetaten:utleggstrekkbeslutningkommune'),
    },
    // Skatteetaten publishes these only in SwaggerHub; the defaults are the simulator's.
    utleggstrekk: {
      oppslagPath: path('UTLEGGSTREKK_OPPSLAG_PATH', '/v1/oppslag/samordnettrekk'),
      beslutningPath: path('UTLEGGSTREKK_BESLUTNING_PATH', '/v1/beslutninger'),
    },
  };
}

const RETTIGHETSPAKKE = 'saernamsmann';

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
          id: 'utleggstrekk.oppslag-samordnet-trekk',
          api: 'utleggstrekk',
          method: 'POST',
          pathTemplate: utleggstrekk.oppslagPath,
          fixedPathValues: {},
          requiredQuery: [],
          optionalQuery: [],
          registers: false,
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
        },
      ],
    },
  };
}
