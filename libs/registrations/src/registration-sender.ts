import { Injectable } from '@nestjs/common';
import { DomainError } from '../../core/src/index.js';
import { type Catalogue, expandPath, InjectCatalogue, type OperationDefinition, UpstreamCaller } from '../../upstream/src/index.js';
import { RegistrationRepository } from './registration.repository.js';

/** Thrown to make bull retry the job later; the reason is recorded on the registration. */
export class RetryLater extends Error {}

/**
 * The worker's side of a registration: one upstream attempt per job run. A 2xx completes it and a
 * 4xx rejects it (both final, never sent again); a 5xx, timeout or unreachable upstream is
 * retried by bull with backoff until its attempts run out.
 */
@Injectable()
export class RegistrationSender {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly caller: UpstreamCaller,
    @InjectCatalogue() private readonly catalogue: Catalogue,
  ) {}

  async send(tenantOrgnr: string, registrationId: string): Promise<void> {
    const registration = await this.registrations.claim(tenantOrgnr, registrationId);
    if (!registration) return; // settled already: a repeated job never sends again
    const operation = this.operation(registration.operation);
    let response;
    try {
      response = await this.caller.call(tenantOrgnr, {
        api: operation.api,
        method: operation.method,
        path: expandPath(operation, {}),
        accept: registration.accept,
        body: JSON.stringify(registration.requestBody),
      });
    } catch (error) {
      const reason = error instanceof DomainError ? `${error.code}: ${error.detail}` : 'unexpected error';
      await this.registrations.recordError(tenantOrgnr, registrationId, reason);
      throw new RetryLater(reason);
    }
    const outcome = {
      responseStatus: response.status,
      responseContentType: response.contentType ?? null,
      responseBody: response.body.toString('utf8'),
      korrelasjonsid: response.korrelasjonsid,
    };
    if (response.status < 400) {
      await this.registrations.settle(tenantOrgnr, registrationId, { status: 'completed', ...outcome, lastError: null });
    } else if (response.status < 500 && response.status !== 429) {
      await this.registrations.settle(tenantOrgnr, registrationId, { status: 'rejected', ...outcome, lastError: null });
    } else {
      await this.registrations.recordError(tenantOrgnr, registrationId, `upstream answered ${response.status}`);
      throw new RetryLater(`upstream answered ${response.status}`);
    }
  }

  /** After the last attempt: the registration is failed, with the last reason kept. */
  async giveUp(tenantOrgnr: string, registrationId: string, reason: string): Promise<void> {
    await this.registrations.settle(tenantOrgnr, registrationId, {
      status: 'failed',
      responseStatus: null,
      responseContentType: null,
      responseBody: null,
      korrelasjonsid: null,
      lastError: reason,
    });
  }

  private operation(id: string): OperationDefinition {
    for (const api of Object.values(this.catalogue)) {
      const operation = api.operations.find((candidate) => candidate.id === id);
      if (operation) return operation;
    }
    throw new Error(`operation ${id} is not in the catalogue`);
  }
}
