import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { assertBodyMatches, checkBodySubject, type MatchedOperation } from '#upstream';
import { RequestAudit } from '../request-audit/request-audit.js';
import type { TenantCall } from '../tenancy/tenant-call.js';

/** The path's personidentifikator as sent (the policy judges it), for the audit event. */
export function pathSubjectOf(matched: MatchedOperation | undefined): string | undefined {
  return matched?.params.personidentifikator?.slice(0, 64);
}

/**
 * The data subject of a body-carrying operation, read where its catalogue contract says and checked
 * before the policy decides (the subject feeds `subject-blocked`) and before anything is stored or
 * sent: 400 `subject-missing`, `subject-invalid` or `invalid-body` otherwise. The subject is noted
 * for the audit event once it is valid, so a refused body still names whom it was about.
 */
@Injectable()
export class BodySubjects {
  private readonly allowSynthetic: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: RequestAudit,
  ) {
    this.allowSynthetic = config.environment === 'test';
  }

  /** The validated subject of the request's body, or undefined for an operation without one. */
  check(matched: MatchedOperation, call: TenantCall): string | undefined {
    const contract = matched.operation.body;
    if (!contract) return undefined;
    if (call.body === undefined || call.body === null)
      throw new DomainError('invalid-request', 'This operation needs a JSON body (Content-Type: application/json)');
    const subject = checkBodySubject(contract, call.body, { allowSynthetic: this.allowSynthetic });
    this.audit.note(call, { subject: subject.value });
    assertBodyMatches(contract, call.body);
    return subject.value;
  }
}
