import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { SamordnetTrekkLedger } from '#registrations';
import { type MatchedOperation, OPPSLAG_SAMORDNET_TREKK, readSamordnetTrekk, type UpstreamResponse } from '#upstream';

/**
 * Records what an oppslag samordnet trekk answered for its debtor, before the answer leaves: the
 * 2026 transition rule lets a registration through only after a recent yes by the same tenant.
 */
@Injectable()
export class SamordnetTrekkRecorder {
  private readonly field: string;

  constructor(
    private readonly ledger: SamordnetTrekkLedger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.field = config.upstream.utleggstrekk.samordnetTrekkField;
  }

  /** Only a successful oppslag that carries the boolean is recorded: anything else leaves the debtor unconfirmed. */
  async afterAnswer(
    tenantOrgnr: string,
    matched: MatchedOperation,
    bodySubject: string | undefined,
    response: UpstreamResponse,
  ): Promise<void> {
    if (
      matched.operation.id !== OPPSLAG_SAMORDNET_TREKK ||
      bodySubject === undefined ||
      response.status < 200 ||
      response.status >= 300
    )
      return;
    const answer = readSamordnetTrekk(response.contentType, response.body, this.field);
    if (answer === undefined) return;
    await this.ledger.record(tenantOrgnr, bodySubject, answer, response.korrelasjonsid);
  }
}
