import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export interface RegisteredBeslutning {
  id: string;
  innsenderReferanse?: string;
  mottatt: string;
}

/** The beslutninger the simulator accepted, so tests can count what arrived (GET /_sim/beslutninger). */
@Injectable()
export class BeslutningRegistry {
  private readonly beslutninger: RegisteredBeslutning[] = [];

  isDuplicate(innsenderReferanse: string | undefined): boolean {
    return (
      innsenderReferanse !== undefined &&
      this.beslutninger.some((beslutning) => beslutning.innsenderReferanse === innsenderReferanse)
    );
  }

  register(innsenderReferanse: string | undefined): RegisteredBeslutning {
    const beslutning = { id: randomUUID(), innsenderReferanse, mottatt: new Date().toISOString() };
    this.beslutninger.push(beslutning);
    return beslutning;
  }

  list(): RegisteredBeslutning[] {
    return this.beslutninger.map((beslutning) => ({ ...beslutning }));
  }

  clear(): void {
    this.beslutninger.length = 0;
  }
}
