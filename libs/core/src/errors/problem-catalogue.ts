/**
 * Every problem code the platform answers with, its HTTP status and title: the one mapping from
 * domain errors to problem+json. Codes are stable API; add, never rename.
 */
export const PROBLEM_CATALOGUE = {
  'invalid-request': { status: 400, title: 'The request is invalid' },
  'malformed-body': { status: 400, title: 'The request body could not be parsed' },
  'invalid-orgnr': { status: 400, title: 'The organisation number is invalid' },
  'invalid-personidentifikator': { status: 400, title: 'The person identifier is invalid' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'The request is not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'The requested media type is not available' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request media type is not supported' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'operation-not-in-catalogue': { status: 404, title: 'The operation is not in the API catalogue' },
  'internal-error': { status: 500, title: 'Internal error' },
  'not-ready': { status: 503, title: 'The service is not ready' },
  'queue-unavailable': { status: 503, title: 'The job queue is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_CATALOGUE, value);
}
