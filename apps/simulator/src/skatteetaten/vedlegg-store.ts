import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export interface IssuedVedlegg {
  uuid: string;
  bytes: number;
  sha256: string;
  mottatt: string;
}

/** The documents the simulator accepted, by the uuid it issued: a beslutning may reference only these (VEDLEGG_SKAL_HA_UUID). */
@Injectable()
export class VedleggStore {
  private readonly issued = new Map<string, IssuedVedlegg>();

  /** Remembers the document's size and SHA-256 (never its bytes) and issues its uuid. */
  accept(content: Buffer): IssuedVedlegg {
    const vedlegg = {
      uuid: randomUUID(),
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      mottatt: new Date().toISOString(),
    };
    this.issued.set(vedlegg.uuid, vedlegg);
    return vedlegg;
  }

  isIssued(uuid: string): boolean {
    return this.issued.has(uuid);
  }

  list(): IssuedVedlegg[] {
    return [...this.issued.values()].map((vedlegg) => ({ ...vedlegg }));
  }

  clear(): void {
    this.issued.clear();
  }
}
