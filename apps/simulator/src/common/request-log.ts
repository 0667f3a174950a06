import { Injectable } from '@nestjs/common';

/** Which stand-in answered: Maskinporten's token endpoint or one of Skatteetaten's APIs. */
export type SimTarget = 'maskinporten' | 'inntekt' | 'summertskattegrunnlag' | 'utleggstrekk';

export interface LoggedRequest {
  at: string;
  target: SimTarget;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Claims of the bearer token (Skatteetaten) or of the grant (Maskinporten), when present. */
  tokenClaims?: Record<string, unknown>;
  status?: number;
}

const MAX_ENTRIES = 5000;

/** What the simulator received, newest last, for tests and demos (GET /_sim/requests). */
@Injectable()
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'at'>): LoggedRequest {
    const logged = { at: new Date().toISOString(), ...entry };
    this.entries.push(logged);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return logged;
  }

  list(target?: SimTarget): LoggedRequest[] {
    return target ? this.entries.filter((entry) => entry.target === target) : [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
