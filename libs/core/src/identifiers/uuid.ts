const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can be a row id at all: checked before a query, since PostgreSQL refuses a malformed uuid with an error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
