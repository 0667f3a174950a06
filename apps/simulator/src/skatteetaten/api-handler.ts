import type { SkatteetatenApi } from './skatteetaten-api.js';

/** A request as the API handlers see it. */
export interface SimRequest {
  method: string;
  /** The path without query, e.g. `/inntekt/v1/saernamsmann/01029413157/inntekter`. */
  path: string;
  query: Record<string, unknown>;
  body: unknown;
}

/** A successful answer: the exact JSON bytes to send, and the data for the XML rendering. */
export interface SimAnswer {
  status: number;
  raw: string;
  data: unknown;
  xmlRoot: string;
  xmlItem?: string;
}

/** Fixture-backed answer for JSON that has no fixture file (bytes are this serialisation). */
export function answerOf(status: number, data: unknown, xmlRoot: string, xmlItem?: string): SimAnswer {
  return { status, raw: JSON.stringify(data, null, 2), data, xmlRoot, xmlItem };
}

/** One Skatteetaten API: finds the operation for a path (undefined: unknown URL) and answers it. */
export interface ApiHandler {
  readonly api: SkatteetatenApi;
  /** The operation for this request, run after authentication and the concurrency gate; throws SkatteetatenError. */
  match(request: SimRequest): (() => SimAnswer) | undefined;
}
