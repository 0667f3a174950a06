import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { VedleggRegistry } from '#registrations';
import {
  CheckedUpload,
  type MatchedOperation,
  readVedleggUuid,
  UpstreamCaller,
  type UpstreamResponse,
  upstreamProblem,
} from '#upstream';
import { RequestAudit } from '../request-audit/request-audit.js';
import { PolicyGate } from '../policy/policy-gate.js';
import type { TenantCall } from '../tenancy/tenant-call.js';
import type { GatewayAnswer } from './gateway-answer.js';
import { TenantLimits } from './tenant-limits.js';
import { pdfStreamOf } from './upload-parser.js';
import { upstreamPathOf } from './upstream-request.js';

/**
 * A decision document (vedlegg) on its way to Skatteetaten: sent as application/pdf, judged by the
 * full policy like every call, then checked (declared size, `%PDF-` first bytes) before the
 * upstream hears of it, and streamed with its SHA-256 computed on the way. Skatteetaten's answer,
 * its uuid, goes back only once the platform has recorded that this tenant uploaded it; the audit
 * event carries hash and size, never content.
 */
@Injectable()
export class VedleggUploads {
  constructor(
    private readonly policy: PolicyGate,
    private readonly limits: TenantLimits,
    private readonly upstream: UpstreamCaller,
    private readonly registry: VedleggRegistry,
    private readonly audit: RequestAudit,
  ) {}

  async handle(call: TenantCall, matched: MatchedOperation, accept: string): Promise<GatewayAnswer> {
    const { tenant, caller } = call;
    const contract = matched.operation.upload;
    if (!contract) throw new Error(`${matched.operation.id} is not an upload`);
    const source = pdfStreamOf(call);
    const path = upstreamPathOf(matched, call);
    const { decision, state, permit } = await this.policy.enforce(call, matched);
    this.audit.note(call, { reasons: decision.reasons, policyVersion: decision.policyVersion });
    // Counted alone, before the upload is opened, so a refused document still counts towards the rate.
    await this.limits.checkRate(tenant, this.limits.perMinute(state));

    const upload = await CheckedUpload.open(source, contract, call.declaredLength);
    let response: UpstreamResponse;
    try {
      response = await this.upstream.call(permit, {
        api: matched.api.name,
        method: 'POST',
        path,
        accept,
        body: upload,
      });
    } finally {
      upload.release();
    }
    const digest = upload.digest();
    this.audit.note(call, {
      upstreamStatus: response.status,
      korrelasjonsid: response.korrelasjonsid,
      details: digest && { vedlegg: digest },
    });
    if (response.status >= 400) throw upstreamProblem(matched.api.name, response);

    const uuid = readVedleggUuid(response.contentType, response.body);
    if (!uuid || !digest) {
      throw new DomainError(
        'upstream-error',
        `The ${matched.api.name} API accepted the document but its answer names no uuid to reference it by`,
        {
          extensions: { upstream: { status: response.status, korrelasjonsid: response.korrelasjonsid } },
        },
      );
    }
    await this.registry.record(tenant.value, {
      uuid,
      ...digest,
      callerOrgnr: caller.supplierOrgnr ?? caller.consumerOrgnr,
      korrelasjonsid: response.korrelasjonsid,
    });
    this.audit.note(call, { details: { vedlegg: { uuid, ...digest } } });
    return {
      status: response.status,
      contentType: response.contentType ?? accept,
      body: response.body,
      headers: { Korrelasjonsid: response.korrelasjonsid },
    };
  }
}
