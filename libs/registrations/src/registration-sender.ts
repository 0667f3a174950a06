import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '#audit';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import type { RegistrationEntity } from '#database';
import type { Decision } from '#policy';
import {
  type Catalogue,
  expandPath,
  InjectCatalogue,
  type OperationDefinition,
  parseUpstreamError,
  UpstreamCaller,
  type UpstreamResponse,
} from '#upstream';
import { registrationSendEvent, type SendStep } from './registration-audit.js';
import { RegistrationRepository, type SettledOutcome } from './registration.repository.js';
import { SendPolicy } from './send-policy.js';

/** Thrown to make bull retry the job later; the reason is recorded on the registration. */
export class RetryLater extends Error {}

/** Skatteetaten's rule for a second submission with the same reference (reference §3). */
const DUPLICATE = 'DUPLIKAT_INNSENDING';

function isDuplicate(response: UpstreamResponse): boolean {
  return (
    response.status === 422 &&
    (parseUpstreamError(response.contentType, response.body).regler ?? []).some(
      (rule) => rule.vilkaarnavn === DUPLICATE,
    )
  );
}

type Verdict = { settle: SettledOutcome['status']; duplicate?: boolean } | { retry: string };

function verdictOf(response: UpstreamResponse): Verdict {
  if (response.status < 400) return { settle: 'completed' };
  // Our reference is the registration's own id, so a duplicate means an earlier attempt of this
  // very registration arrived (its answer was lost): it is registered, exactly once.
  if (isDuplicate(response)) return { settle: 'completed', duplicate: true };
  if (response.status < 500 && response.status !== 429) return { settle: 'rejected' };
  return { retry: `upstream answered ${response.status}` };
}

/**
 * The worker's side of a registration: one upstream attempt per job run. Before each attempt the
 * policy is decided again on the current state (a refusal settles it `refused`, never sent).
 * Every body carries the same reference (the registration id), so an attempt whose outcome is
 * unknown (timeout, crash) is settled by Skatteetaten's duplicate answer, never registered twice.
 * A 2xx completes it and a 4xx rejects it (both final); a 5xx, timeout or unreachable upstream is
 * retried by bull with backoff until its attempts run out. Every attempt and the settlement are
 * audit events, each committed with the state change it records.
 */
@Injectable()
export class RegistrationSender {
  private readonly referenceField: string;

  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly caller: UpstreamCaller,
    private readonly policy: SendPolicy,
    private readonly audit: AuditWriter,
    @InjectCatalogue() private readonly catalogue: Catalogue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.referenceField = config.upstream.utleggstrekk.referenceField;
  }

  async send(tenantOrgnr: string, registrationId: string): Promise<void> {
    const registration = await this.registrations.claim(tenantOrgnr, registrationId);
    if (!registration) return; // settled already: a repeated job never sends again
    const operation = this.operation(registration.operation);
    const { decision, permit } = await this.policy.authorize(registration, operation);
    if (!permit) return this.refuse(registration, decision);

    const korrelasjonsid = randomUUID();
    const started = Date.now();
    const attempt = (outcome: string, extra: Partial<SendStep> = {}): SendStep => ({
      step: 'attempt',
      outcome,
      decision: 'allow',
      policyVersion: decision.policyVersion,
      korrelasjonsid,
      latencyMs: Date.now() - started,
      ...extra,
    });
    let response: UpstreamResponse;
    try {
      response = await this.caller.call(permit, {
        api: operation.api,
        method: operation.method,
        path: expandPath(operation, {}),
        accept: registration.accept,
        body: JSON.stringify(this.withReference(registration)),
        korrelasjonsid,
      });
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'unexpected-error';
      const reason = error instanceof DomainError ? `${error.code}: ${error.detail}` : 'unexpected error';
      // No answer after the request left: it may have arrived. The retry's duplicate answer tells.
      const unknown = code === 'upstream-timeout';
      await this.registrations.transaction(async (manager) => {
        await this.audit.recordWithin(
          manager,
          registrationSendEvent(registration, attempt(unknown ? 'unknown' : 'error', { reasonCode: code })),
        );
        await this.registrations.recordError(tenantOrgnr, registrationId, reason, unknown, manager);
      });
      throw new RetryLater(reason);
    }

    const verdict = verdictOf(response);
    const answered = attempt('answered', { upstreamStatus: response.status, korrelasjonsid: response.korrelasjonsid });
    await this.registrations.transaction(async (manager) => {
      await this.audit.recordWithin(manager, registrationSendEvent(registration, answered));
      if ('retry' in verdict) {
        await this.registrations.recordError(tenantOrgnr, registrationId, verdict.retry, false, manager);
        return;
      }
      const settled = await this.registrations.settle(
        tenantOrgnr,
        registrationId,
        {
          status: verdict.settle,
          responseStatus: response.status,
          responseContentType: response.contentType ?? null,
          responseBody: response.body.toString('utf8'),
          korrelasjonsid: response.korrelasjonsid,
          lastError: null,
        },
        manager,
      );
      if (settled) {
        const outcome = verdict.duplicate
          ? 'completed (DUPLIKAT_INNSENDING: an earlier attempt had arrived)'
          : verdict.settle;
        await this.audit.recordWithin(
          manager,
          registrationSendEvent(registration, { ...answered, step: 'settlement', outcome }),
        );
      }
    });
    if ('retry' in verdict) throw new RetryLater(verdict.retry);
  }

  /** After the last attempt: the registration is failed, with the last reason kept. */
  async giveUp(tenantOrgnr: string, registrationId: string, reason: string): Promise<void> {
    const registration = await this.registrations.findOne(tenantOrgnr, { id: registrationId });
    if (!registration) return;
    const lastError =
      registration.status === 'unknown'
        ? `the last attempt's outcome is unknown (it may have arrived): ${reason}`
        : reason;
    await this.settleWithEvent(
      registration,
      {
        status: 'failed',
        responseStatus: null,
        responseContentType: null,
        responseBody: null,
        korrelasjonsid: null,
        lastError,
      },
      { step: 'settlement', outcome: 'failed', decision: 'allow', reasonCode: 'attempts-exhausted' },
    );
  }

  /** The policy refused it now: settled `refused` with the code, nothing sent. */
  private async refuse(registration: RegistrationEntity, decision: Decision): Promise<void> {
    await this.settleWithEvent(
      registration,
      {
        status: 'refused',
        responseStatus: null,
        responseContentType: null,
        responseBody: null,
        korrelasjonsid: null,
        lastError: decision.reasons.join(' '),
        refusalCode: decision.code,
      },
      {
        step: 'settlement',
        outcome: 'refused',
        decision: 'deny',
        reasonCode: decision.code,
        reasons: decision.reasons,
        policyVersion: decision.policyVersion,
      },
    );
  }

  private async settleWithEvent(
    registration: RegistrationEntity,
    outcome: SettledOutcome,
    step: SendStep,
  ): Promise<void> {
    await this.registrations.transaction(async (manager) => {
      if (await this.registrations.settle(registration.tenantOrgnr, registration.id, outcome, manager)) {
        await this.audit.recordWithin(manager, registrationSendEvent(registration, step));
      }
    });
  }

  /** The body as sent: the caller's, with our stable reference in the configured field. */
  private withReference(registration: RegistrationEntity): Record<string, unknown> {
    return { ...(registration.requestBody as Record<string, unknown>), [this.referenceField]: registration.id };
  }

  private operation(id: string): OperationDefinition {
    for (const api of Object.values(this.catalogue)) {
      const operation = api.operations.find((candidate) => candidate.id === id);
      if (operation) return operation;
    }
    throw new Error(`operation ${id} is not in the catalogue`);
  }
}
