import { API_NAMES } from '#core';
import type { ChainRecord } from '../chain.js';

/** Gateway calls of one period with the same dimensions ('' where an event has none). */
export interface UsageCount {
  period: string;
  tenantOrgnr: string;
  api: string;
  legalBasis: string;
  decision: string;
  reasonCode: string;
  calls: number;
}

/** The period an event counts in: its UTC hour, day or month (a month by its first day). */
export const HOUR_OF = (occurredAt: string): string => `${occurredAt.slice(0, 13)}:00:00Z`;
export const DAY_OF = (occurredAt: string): string => occurredAt.slice(0, 10);
export const MONTH_OF = (occurredAt: string): string => `${occurredAt.slice(0, 7)}-01`;

/** The API of an operation id (`inntekt.hent-inntekter` → `inntekt`); '' for the gateway's own routes. */
export function apiOf(operation: string): string {
  const prefix = operation.split('.', 1)[0] ?? '';
  return (API_NAMES as readonly string[]).includes(prefix) ? prefix : '';
}

/** Gateway requests among `records`, counted per period and dimensions. */
export function countUsage(records: readonly ChainRecord[], periodOf: (occurredAt: string) => string): UsageCount[] {
  const counts = new Map<string, UsageCount>();
  for (const record of records) {
    if (record.kind !== 'gateway-request' || !record.tenantOrgnr) continue;
    const count: UsageCount = {
      period: periodOf(record.occurredAt),
      tenantOrgnr: record.tenantOrgnr,
      api: apiOf(record.operation),
      legalBasis: record.legalBasis ?? '',
      decision: record.decision,
      reasonCode: record.reasonCode ?? '',
      calls: 1,
    };
    const key = JSON.stringify([
      count.period,
      count.tenantOrgnr,
      count.api,
      count.legalBasis,
      count.decision,
      count.reasonCode,
    ]);
    const existing = counts.get(key);
    if (existing) existing.calls++;
    else counts.set(key, count);
  }
  return [...counts.values()];
}
