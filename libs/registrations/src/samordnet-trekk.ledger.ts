import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError, DomainError } from '#core';
import { type SamordnetTrekkOppslag, subjectKey } from '#policy';
import { SamordnetTrekkRepository } from './samordnet-trekk.repository.js';

/**
 * What each tenant's oppslag samordnet trekk answered, per debtor, for the 2026 transition rule:
 * the gateway records every answer before it leaves, and the gateway and the worker read the
 * latest for a registration's debtor. The debtor is held only as its keyed hash
 * (POLICY_SUBJECT_BLOCK_KEY, as blocked subjects).
 */
@Injectable()
export class SamordnetTrekkLedger {
  private readonly key: string;

  constructor(
    private readonly records: SamordnetTrekkRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (!config.policy.subjectBlockKey)
      throw new ConfigError(['POLICY_SUBJECT_BLOCK_KEY is required (the key of recorded and blocked data subjects)']);
    this.key = config.policy.subjectBlockKey;
  }

  async record(
    tenantOrgnr: string,
    subject: string,
    harSamordnetTrekk: boolean,
    korrelasjonsid: string | undefined,
  ): Promise<void> {
    try {
      await this.records.record(tenantOrgnr, subjectKey(subject, this.key), harSamordnetTrekk, korrelasjonsid);
    } catch (error) {
      throw new DomainError(
        'policy-state-unavailable',
        'The answer of the oppslag samordnet trekk could not be recorded, so it is not served; look it up again',
        { cause: error },
      );
    }
  }

  /** The tenant's latest outcome for the debtor; 503 when it cannot be read (the decision would be blind). */
  async latest(tenantOrgnr: string, subject: string): Promise<SamordnetTrekkOppslag | undefined> {
    try {
      return await this.records.latest(tenantOrgnr, subjectKey(subject, this.key));
    } catch (error) {
      throw new DomainError(
        'policy-state-unavailable',
        'The oppslag samordnet trekk on record for the debtor could not be read, so the registration is not accepted now',
        { cause: error },
      );
    }
  }
}
