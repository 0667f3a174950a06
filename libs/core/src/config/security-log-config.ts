import type { EnvReader } from './env-reader.js';

/** The gateway's handling of refused traffic: requests refused before a tenant is established. */
export interface SecurityLogConfig {
  /** Refusals per source address in one minute before its further requests get 429 until the minute ends. */
  refusedPerSourcePerMinute: number;
  /** Source addresses tracked at once (limiter and log each); beyond it the oldest is forgotten / counted as `other`. */
  maxSources: number;
  /** How often the aggregated refusal counts are written to `security_refusals`. */
  flushIntervalMs: number;
  /** Rows of `security_refusals` older than this are deleted by the flush. */
  retentionDays: number;
}

export function loadSecurityLog(read: EnvReader): SecurityLogConfig {
  return {
    refusedPerSourcePerMinute: read.int('GATEWAY_REFUSED_PER_MINUTE', 60, { min: 1, max: 1_000_000 }),
    maxSources: read.int('GATEWAY_REFUSED_MAX_SOURCES', 10_000, { min: 10, max: 1_000_000 }),
    flushIntervalMs: read.int('SECURITY_LOG_FLUSH_MS', 10_000, { min: 50, max: 3_600_000 }),
    retentionDays: read.int('SECURITY_LOG_RETENTION_DAYS', 90, { min: 1, max: 3650 }),
  };
}
