import { createHash } from 'node:crypto';

/**
 * The hash chain over audit events (DESIGN §6). Pure: the sealer, the exporter and the offline
 * verifier all use these functions, so what is hashed at sealing time is exactly what an export
 * carries and what `npm run audit:verify` recomputes.
 *
 *   hash(n) = SHA-256( bytes(prevHash(n)) ‖ UTF-8(canonicalJson(record(n))) )   prevHash(1) = 64 × "0"
 *
 * Each tenant is one chain, keyed by its orgnr; platform-wide events (tenant null) form the chain
 * `platform`. Chain order is `seq` (the order events were sealed in), not the event id.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

/** JSON values as they appear in a chain record. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * An event's stored fields as they are hashed and exported: every column of audit_events, camelCase,
 * nulls explicit, timestamps ISO 8601 UTC with the database's microseconds, bigints as strings.
 * The column list is fixed here (not "every column") so that a later column never changes the hash
 * of an event sealed before it existed.
 */
export interface ChainRecord {
  id: string;
  occurredAt: string;
  recordedAt: string;
  kind: string;
  tenantOrgnr: string | null;
  actorType: string;
  actorId: string;
  actorRole: string | null;
  supplierOrgnr: string | null;
  endUser: string | null;
  operation: string;
  legalBasis: string | null;
  purpose: string | null;
  caseReference: string | null;
  decision: string;
  reasonCode: string | null;
  reasons: JsonValue;
  policyVersion: string | null;
  subjectHash: string | null;
  subjectKeyId: string | null;
  subjectEncrypted: string | null;
  httpStatus: number | null;
  upstreamStatus: number | null;
  korrelasjonsid: string | null;
  correlationId: string | null;
  bytes: string | null;
  latencyMs: number | null;
  incidentId: string | null;
  details: JsonValue;
}

/** The chain an event belongs to. */
export function chainKeyOf(tenantOrgnr: string | null): string {
  return tenantOrgnr === null ? PLATFORM_CHAIN : tenantOrgnr.trim();
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined` written as an
 * explicit null, Dates as ISO strings. Two equal records always give the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      return `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
        .join(',')}}`;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** The link hash of one event given the hash before it. */
export function chainHash(prevHash: string, record: unknown): string {
  if (!isHash(prevHash)) throw new TypeError('chainHash: prevHash must be 64 lowercase hex digits');
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonicalJson(record), 'utf8').digest('hex');
}

export interface ChainLink {
  eventId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** Links records onto a chain whose head is (`headSeq`, `headHash`); records in the order to seal. */
export function linkRecords(headSeq: number, headHash: string, records: readonly ChainRecord[]): ChainLink[] {
  let seq = headSeq;
  let prevHash = headHash;
  return records.map((record) => {
    const hash = chainHash(prevHash, record);
    const link = { eventId: record.id, seq: ++seq, prevHash, hash };
    prevHash = hash;
    return link;
  });
}
