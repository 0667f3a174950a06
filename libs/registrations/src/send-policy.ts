import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError } from '#core';
import type { RegistrationEntity } from '#database';
import { type Authorization, authorize } from '#policy';
import { PolicyStateRepository, policyInputOf, UNKNOWN_TENANT } from '#tenancy';
import { type OperationDefinition, storedBodySubject } from '#upstream';
import { SamordnetTrekkLedger } from './samordnet-trekk.ledger.js';

/**
 * The policy again, right before each send, on the tenant's current state read from PostgreSQL
 * (suspension, termination, supplier, declaration, terms, pauses, blocked subjects, and during the
 * 2026 transition the latest oppslag samordnet trekk for the debtor) and the
 * context the caller sent with the registration. Only an allowing decision gives the permit the
 * upstream caller needs.
 */
@Injectable()
export class SendPolicy {
  private readonly blockKey: string;

  constructor(
    private readonly states: PolicyStateRepository,
    private readonly samordnetTrekk: SamordnetTrekkLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Without the key no blocked subject could ever match, so blocks would silently not apply.
    if (!config.policy.subjectBlockKey)
      throw new ConfigError(['POLICY_SUBJECT_BLOCK_KEY is required (the key of blocked data subjects)']);
    this.blockKey = config.policy.subjectBlockKey;
  }

  async authorize(registration: RegistrationEntity, operation: OperationDefinition): Promise<Authorization> {
    const { tenantOrgnr, context } = registration;
    const snapshot = await this.states.load(this.config.environment, tenantOrgnr);
    // The body's data subject, so a block placed after acceptance still stops the send.
    const bodySubject = storedBodySubject(operation.id, registration.requestBody);
    return authorize(
      policyInputOf({
        orgnr: tenantOrgnr,
        state: snapshot.tenants.get(tenantOrgnr) ?? UNKNOWN_TENANT,
        platform: snapshot,
        blockKey: this.blockKey,
        environment: this.config.environment,
        limits: this.config.policy,
        operation,
        params: {},
        supplierOrgnr: context.supplierOrgnr,
        request: {
          legalBasis: context.legalBasis,
          purpose: context.purpose,
          caseReference: context.caseReference,
          endUser: context.endUser,
          bodySubject,
        },
        samordnetTrekk:
          bodySubject === undefined ? undefined : await this.samordnetTrekk.latest(tenantOrgnr, bodySubject),
      }),
    );
  }
}
