/**
 * JSON Schema (Skatteetaten's draft-04, our ajv body schemas) as OpenAPI 3.0 schema objects, which
 * lack `const`, tuple `items`, empty `required` and siblings of `$ref`.
 */
type Json = unknown;

/** A schema rewritten for OpenAPI 3.0; `refs` renames `#/definitions/X` references. */
export function toOpenApi30(schema: Json, refs: (name: string) => string = (name) => name): Json {
  if (Array.isArray(schema)) return schema.map((item) => toOpenApi30(item, refs));
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Record<string, Json>;
  if (typeof source.$ref === 'string') {
    const name = /^#\/definitions\/(.+)$/.exec(source.$ref)?.[1];
    return { $ref: name ? `#/components/schemas/${refs(name)}` : source.$ref };
  }
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === '$schema' || key === 'definitions') continue;
    if (key === 'const') out.enum = [value];
    else if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
    else if (key === 'items' && Array.isArray(value))
      out.items = value.length === 1 ? toOpenApi30(value[0], refs) : { oneOf: toOpenApi30(value, refs) };
    else if (key === 'additionalProperties' && source.type !== 'object') continue;
    else if (key === 'properties' && typeof value === 'object' && value !== null)
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Json>).map(([name, property]) => [name, toOpenApi30(property, refs)]),
      );
    else out[key] = toOpenApi30(value, refs);
  }
  return out;
}

/**
 * A draft-04 schema with `definitions` as OpenAPI components: the root under `prefix`, each
 * definition as `prefix.Name`. `optional` lists, per definition, required fields the publisher has
 * since made optional.
 */
export function openApiSchemasOf(
  schema: Record<string, Json>,
  prefix: string,
  optional: Record<string, string[]> = {},
): Record<string, Record<string, unknown>> {
  const rename = (name: string) => `${prefix}.${name}`;
  const definitions = (schema.definitions ?? {}) as Record<string, Json>;
  const result: Record<string, Record<string, unknown>> = { [prefix]: toOpenApi30(schema, rename) as Record<string, unknown> };
  for (const [name, definition] of Object.entries(definitions)) {
    const converted = toOpenApi30(definition, rename) as Record<string, unknown>;
    const relaxed = optional[name];
    if (relaxed && Array.isArray(converted.required)) {
      const required = (converted.required as string[]).filter((field) => !relaxed.includes(field));
      if (required.length > 0) converted.required = required;
      else delete converted.required;
    }
    result[rename(name)] = converted;
  }
  return result;
}
