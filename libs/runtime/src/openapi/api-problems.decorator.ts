import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CATALOGUE, PROBLEM_CONTENT_TYPE, type ProblemCode } from '#core';
import { Problem } from './problem.schema.js';

/**
 * The problem+json answers a route can give: one response per status, whose `code` is narrowed to
 * the codes listed, so a generated client knows which codes to expect and where.
 */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(Problem), ...problemResponses(codes).map((response) => ApiResponse(response)));
}

/** One OpenAPI response per status for these codes (for documents built without decorators, too). */
export function problemResponses(codes: readonly ProblemCode[]): Array<{
  status: number;
  description: string;
  content: Record<string, { schema: Record<string, unknown> }>;
}> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const { status } = PROBLEM_CATALOGUE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) => ({
      status,
      description: list.map((code) => `\`${code}\`: ${PROBLEM_CATALOGUE[code].title}`).join('; '),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(list) } },
    }));
}

export function problemSchema(codes: readonly ProblemCode[]): Record<string, unknown> {
  return {
    allOf: [
      { $ref: getSchemaPath(Problem) },
      { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
    ],
  };
}
