import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';

interface Window {
  minute: number;
  count: number;
}

const MINUTE_MS = 60_000;

/**
 * Refusals per source address per wall-clock minute; a source over the bound is turned away with
 * 429 before its token is verified or anything is written. In-process rather than in Redis: the
 * point is to shed abusive traffic at no cost, and a Redis round trip per refused request would
 * make Redis the thing attacked. With N replicas a source gets up to N times the bound, which is
 * fine for shedding (tenants' own quotas are the Redis-backed ones). Bounded: at most
 * GATEWAY_REFUSED_MAX_SOURCES addresses; a new one pushes out the oldest window.
 */
@Injectable()
export class RefusedTrafficLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly maxSources: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.securityLog.refusedPerSourcePerMinute;
    this.maxSources = config.securityLog.maxSources;
  }

  /** Seconds until this source may try again; 0 when it is within its bound. */
  retryAfterSeconds(source: string, now = Date.now()): number {
    const minute = Math.floor(now / MINUTE_MS);
    const window = this.windows.get(source);
    if (!window || window.minute !== minute || window.count < this.limit) return 0;
    return Math.max(1, Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000));
  }

  /** Counts one refusal of this source. */
  hit(source: string, now = Date.now()): void {
    const minute = Math.floor(now / MINUTE_MS);
    const window = this.windows.get(source);
    if (window?.minute === minute) {
      window.count += 1;
      return;
    }
    // Re-inserted at the end, so the Map's order is oldest window first.
    this.windows.delete(source);
    while (this.windows.size >= this.maxSources) {
      const oldest = this.windows.keys().next();
      if (oldest.done) break;
      this.windows.delete(oldest.value);
    }
    this.windows.set(source, { minute, count: 1 });
  }
}
