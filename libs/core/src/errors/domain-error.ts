import { PROBLEM_CATALOGUE, type ProblemCode } from './problem-catalogue.js';

export interface DomainErrorOptions {
  /** Overrides the catalogue status, e.g. to keep an upstream status of the same class. */
  status?: number;
  /** Extra members for the problem body (RFC 9457 extension members). Never personal data. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An expected failure with a stable code; the problem filter turns it into problem+json. */
export class DomainError extends Error {
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'DomainError';
    this.status = options.status ?? PROBLEM_CATALOGUE[code].status;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}
