import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export interface ReceivedDeclaration {
  reference: string;
  receivedAt: string;
  /** How many deliveries of it arrived (retries of a delivered one keep the first reference). */
  deliveries: number;
  body: Record<string, unknown>;
}

/** Declarations the intake stand-in received, and the failures it was told to answer with. */
@Injectable()
export class IntakeStore {
  private readonly received = new Map<string, ReceivedDeclaration>();
  private failures: { status: number; count: number } | undefined;

  /** Idempotent per declarationId: the same declaration gets the same reference. */
  receive(declarationId: string, body: Record<string, unknown>): ReceivedDeclaration {
    const existing = this.received.get(declarationId);
    if (existing) {
      existing.deliveries += 1;
      return existing;
    }
    const entry = {
      reference: `TILS-${randomUUID().slice(0, 8).toUpperCase()}`,
      receivedAt: new Date().toISOString(),
      deliveries: 1,
      body,
    };
    this.received.set(declarationId, entry);
    return entry;
  }

  list(): ReceivedDeclaration[] {
    return [...this.received.values()];
  }

  clear(): void {
    this.received.clear();
    this.failures = undefined;
  }

  failNext(status: number, count: number): void {
    this.failures = { status, count };
  }

  /** The status to fail this delivery with, counted as used. */
  takeFailure(): number | undefined {
    if (!this.failures || this.failures.count <= 0) return undefined;
    this.failures.count -= 1;
    return this.failures.status;
  }
}
