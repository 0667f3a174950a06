import { Injectable } from '@nestjs/common';
import type { SimTarget } from './request-log.js';

/**
 * An injected fault: slow answers, a status (with an upstream error code), a dropped connection, or
 * `delay-answer`: the request is carried out at once and only its answer is held back `ms` (a
 * caller that times out does not know its request arrived).
 */
export interface Fault {
  target: SimTarget;
  mode: 'latency' | 'status' | 'reset' | 'delay-answer';
  ms?: number;
  status?: number;
  /** Upstream error code for `status` faults, e.g. DAS-003 or MP-250. */
  kode?: string;
  /** How many requests it applies to; unlimited when absent. */
  count?: number;
}

/** Faults per target, consumed request by request (POST/DELETE /_sim/faults). */
@Injectable()
export class FaultRegistry {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(target?: SimTarget): void {
    this.faults = target ? this.faults.filter((fault) => fault.target !== target) : [];
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** The first fault for this target, counted as used by one request. */
  take(target: SimTarget): Fault | undefined {
    const index = this.faults.findIndex((fault) => fault.target === target);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults.splice(index, 1);
    }
    return { ...fault };
  }
}
