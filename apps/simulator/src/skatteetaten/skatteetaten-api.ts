import type { SimTarget } from '../common/request-log.js';

/** What kind of failure an error answer stands for; each API maps it to its own `kode`. */
export type ErrorKind =
  | 'unknown-url'
  | 'unauthenticated'
  | 'forbidden'
  | 'validation'
  | 'not-found'
  | 'no-data'
  | 'format'
  | 'too-many-calls';

/** One of Skatteetaten's three services as the simulator serves it (reference §1-§3). */
export interface SkatteetatenApi {
  target: Exclude<SimTarget, 'maskinporten'>;
  /** URL prefix on the simulator, e.g. `/inntekt`. */
  prefix: string;
  /** Any of these scopes in the token gives access. */
  scopes: string[];
  codes: Record<ErrorKind, string>;
}

/**
 * The 6th concurrent call per API per organisation is refused with 429 and this code. Skatteetaten
 * publishes no code for it (reference §0 only states the rule): the code is the simulator's own.
 */
export const TOO_MANY_CALLS_KODE = 'SIM-429';

const perApi = (prefix: string): Record<ErrorKind, string> => ({
  'unknown-url': `${prefix}-003`,
  unauthenticated: `${prefix}-004`,
  forbidden: `${prefix}-005`,
  validation: `${prefix}-006`,
  'not-found': `${prefix}-007`,
  'no-data': `${prefix}-008`,
  format: `${prefix}-009`,
  'too-many-calls': TOO_MANY_CALLS_KODE,
});

export const INNTEKT_API: SkatteetatenApi = {
  target: 'inntekt',
  prefix: '/inntekt',
  scopes: ['skatteetaten:inntekt'],
  codes: perApi('IM'),
};

export const SUMMERT_API: SkatteetatenApi = {
  target: 'summertskattegrunnlag',
  prefix: '/summertskattegrunnlag',
  scopes: ['skatteetaten:summertskattegrunnlag', 'skatteetaten:spesifisertsummertskattegrunnlag'],
  codes: perApi('SSG'),
};

/**
 * ELAN's kommune API publishes only the common DAS codes (reference §0, §3): DAS-002 unknown URL,
 * DAS-008 not authorised. The rest are the simulator's assumptions: DAS-004 for a missing or
 * invalid token, SIM-400 / SIM-404 / SIM-406 for validation, not found and format.
 */
export const UTLEGGSTREKK_API: SkatteetatenApi = {
  target: 'utleggstrekk',
  prefix: '/utleggstrekk',
  scopes: ['skatteetaten:utleggstrekkbeslutningkommune'],
  codes: {
    'unknown-url': 'DAS-002',
    unauthenticated: 'DAS-004',
    forbidden: 'DAS-008',
    validation: 'SIM-400',
    'not-found': 'SIM-404',
    'no-data': 'SIM-404',
    format: 'SIM-406',
    'too-many-calls': TOO_MANY_CALLS_KODE,
  },
};

export const SKATTEETATEN_APIS = [INNTEKT_API, SUMMERT_API, UTLEGGSTREKK_API];

const STATUS_OF: Record<ErrorKind, number> = {
  'unknown-url': 404,
  unauthenticated: 401,
  forbidden: 403,
  validation: 400,
  'not-found': 404,
  'no-data': 404,
  format: 406,
  'too-many-calls': 429,
};

/** A Skatteetaten error answer: status plus `{kode, melding}` (korrelasjonsid is added when rendered). */
export class SkatteetatenError extends Error {
  constructor(
    readonly status: number,
    readonly kode: string,
    melding: string,
  ) {
    super(melding);
  }

  static of(api: SkatteetatenApi, kind: ErrorKind, melding: string): SkatteetatenError {
    return new SkatteetatenError(STATUS_OF[kind], api.codes[kind], melding);
  }
}

/** The `kode` a status fault answers with when the fault names none. */
export function defaultKodeForStatus(api: SkatteetatenApi, status: number): string {
  switch (status) {
    case 400:
      return api.codes.validation;
    case 401:
      return api.codes.unauthenticated;
    case 403:
      return api.codes.forbidden;
    case 404:
      return api.codes['unknown-url'];
    case 406:
      return api.codes.format;
    case 410:
      return api.target === 'summertskattegrunnlag' ? 'SSG-011' : 'DAS-001';
    case 429:
      return TOO_MANY_CALLS_KODE;
    default:
      return status >= 500 ? 'DAS-003' : 'DAS-001';
  }
}
