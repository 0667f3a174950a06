import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { type VedleggRecord, VedleggRepository } from './vedlegg.repository.js';

const DAY_MS = 86_400_000;

/**
 * Which tenant uploaded which decision document: the gateway records each upload before its uuid
 * leaves, and refuses a registration that references a uuid its tenant did not upload within
 * VEDLEGG_RETENTION_DAYS. Another tenant's uuid is refused exactly like one nobody uploaded, so the
 * answer says nothing about other tenants.
 */
@Injectable()
export class VedleggRegistry {
  private readonly retentionDays: number;

  constructor(
    private readonly records: VedleggRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retentionDays = config.upstream.utleggstrekk.vedlegg.retentionDays;
  }

  /** 503 when it cannot be stored: the uuid is not handed out, since no registration could then reference it. */
  async record(tenantOrgnr: string, record: VedleggRecord): Promise<void> {
    try {
      await this.records.record(tenantOrgnr, record);
    } catch (error) {
      throw new DomainError(
        'policy-state-unavailable',
        'The upload could not be recorded, so its uuid is not handed out; upload the document again',
        { cause: error },
      );
    }
  }

  /** 400 `vedlegg-unknown` unless the tenant uploaded every referenced document; 503 when that cannot be read. */
  async assertUploaded(tenantOrgnr: string, uuids: string[]): Promise<void> {
    if (uuids.length === 0) return;
    let uploaded: Set<string>;
    try {
      uploaded = await this.records.uploaded(tenantOrgnr, uuids, this.cutoff());
    } catch (error) {
      throw new DomainError(
        'policy-state-unavailable',
        "The tenant's uploaded documents could not be read, so the registration is not accepted now",
        { cause: error },
      );
    }
    const unknown = uuids.filter((uuid) => !uploaded.has(uuid));
    if (unknown.length === 0) return;
    throw new DomainError(
      'vedlegg-unknown',
      `The registration references ${unknown.length === 1 ? 'a document' : `${unknown.length} documents`} (vedlegg uuid) this municipality has not uploaded through the platform in the last ${this.retentionDays} days; upload the PDF first and reference the uuid it answers with`,
      { extensions: { uuids: unknown.slice(0, 20) } },
    );
  }

  /** Deletes uploads past retention; returns how many. */
  prune(): Promise<number> {
    return this.records.deleteUploadedBefore(this.cutoff());
  }

  private cutoff(): Date {
    return new Date(Date.now() - this.retentionDays * DAY_MS);
  }
}
