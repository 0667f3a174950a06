import { Injectable } from '@nestjs/common';
import { DomainError, type Orgnr } from '#core';
import { POLICY_CODES, type PolicyCode } from '#policy';
import { type RegistrationView, RegistrationService, VedleggRegistry } from '#registrations';
import {
  type Catalogue,
  InjectCatalogue,
  type MatchedOperation,
  matchOperation,
  MEDIA_TYPE,
  negotiateFormat,
  UpstreamCaller,
  upstreamProblem,
  vedleggReferences,
} from '#upstream';
import { BodySubjects, pathSubjectOf } from './data-subject.js';
import { RequestAudit } from '../request-audit/request-audit.js';
import { PolicyGate } from '../policy/policy-gate.js';
import type { TenantCall } from '../tenancy/tenant-call.js';
import type { GatewayAnswer } from './gateway-answer.js';
import { SamordnetTrekkRecorder } from './samordnet-trekk-recorder.js';
import { TenantLimits } from './tenant-limits.js';
import { rawPathBelowTenant } from './raw-path.js';
import { upstreamBodyOf, upstreamPathOf } from './upstream-request.js';
import { assertNotUpload } from './upload-parser.js';
import { VedleggUploads } from './vedlegg-upload.js';

/**
 * One tenant request: tenant → catalogue operation → format → limits → upstream (or, for a
 * registration, the durable job). Nothing reaches an upstream unless every step before it passed.
 */
@Injectable()
export class ProxyService {
  constructor(
    @InjectCatalogue() private readonly catalogue: Catalogue,
    private readonly limits: TenantLimits,
    private readonly upstream: UpstreamCaller,
    private readonly registrations: RegistrationService,
    private readonly audit: RequestAudit,
    private readonly policy: PolicyGate,
    private readonly bodies: BodySubjects,
    private readonly samordnetTrekk: SamordnetTrekkRecorder,
    private readonly uploads: VedleggUploads,
    private readonly vedlegg: VedleggRegistry,
  ) {
    const registering = catalogue.utleggstrekk.operations.find((operation) => operation.registers);
    if (!registering) throw new Error('the catalogue has no registering utleggstrekk operation');
    this.registering = { api: catalogue.utleggstrekk, operation: registering, params: registering.fixedPathValues };
  }

  /** The receipt route is judged as the registration it reports on (found once: the catalogue is fixed). */
  private readonly registering: MatchedOperation;

  /** The tenant is established (TenantGuard) before anything of the request, its subject included, is noted for the audit. */
  async handle(call: TenantCall): Promise<GatewayAnswer> {
    const { tenant } = call;
    const matched = this.resolveOperation(call);
    this.audit.note(call, { operation: matched?.operation.id, subject: pathSubjectOf(matched) });
    if (!matched)
      throw new DomainError(
        'operation-not-in-catalogue',
        `${call.method} of this path is not an operation in the API catalogue`,
      );
    const format = negotiateFormat(call.accept);
    if (!format)
      throw new DomainError(
        'not-acceptable',
        'Skatteetaten answers in application/json or application/xml; ask for one of them',
      );
    const accept = MEDIA_TYPE[format];
    if (matched.operation.upload) return this.uploads.handle(call, matched, accept);
    assertNotUpload(call);
    const bodySubject = this.bodies.check(matched, call);
    const { decision, state, permit } = await this.policy.enforce(call, matched, bodySubject);
    this.audit.note(call, { reasons: decision.reasons, policyVersion: decision.policyVersion });
    const ratePerMinute = this.limits.perMinute(state);
    if (matched.operation.registers) {
      // The durable job takes only the concurrency permit when it sends; the rate is counted here.
      await this.limits.checkRate(tenant, ratePerMinute);
      return this.register(call, matched, accept);
    }

    // The rate is counted in the same Redis round trip as the concurrency permit.
    const response = await this.upstream.call(
      permit,
      {
        api: matched.api.name,
        method: matched.operation.method,
        path: upstreamPathOf(matched, call),
        accept,
        body: upstreamBodyOf(call),
      },
      { ratePerMinute },
    );
    this.audit.note(call, { upstreamStatus: response.status, korrelasjonsid: response.korrelasjonsid });
    if (response.status >= 400) throw upstreamProblem(matched.api.name, response);
    await this.samordnetTrekk.afterAnswer(tenant.value, matched, bodySubject, response);
    return {
      status: response.status,
      contentType: response.contentType ?? accept,
      body: response.body,
      headers: { Korrelasjonsid: response.korrelasjonsid },
    };
  }

  /**
   * The state of a registration made earlier by this tenant: refused while the tenant or its
   * utleggstrekk API is suspended (the receipt is utleggstrekk data); a supplier sees only its own.
   */
  async registration(call: TenantCall, id: string): Promise<RegistrationView> {
    const { tenant, caller, state } = call;
    this.audit.note(call, { operation: 'utleggstrekk.registration-status' });
    this.policy.enforceReceipt(tenant.value, caller, this.registering, state);
    return this.registrations.find(tenant.value, id, caller.supplierOrgnr);
  }

  /** From the raw URL, not the router's decoded wildcard: the catalogue match decodes each segment once. */
  private resolveOperation(call: TenantCall): MatchedOperation | undefined {
    const [apiName, ...path] = rawPathBelowTenant(call.url).split('/');
    return matchOperation(this.catalogue, apiName, call.method, `/${path.join('/')}`);
  }

  private async register(call: TenantCall, matched: MatchedOperation, accept: string): Promise<GatewayAnswer> {
    const { tenant, caller } = call;
    // Every document the decision references must be this tenant's upload: refused before anything is stored or sent.
    await this.vedlegg.assertUploaded(tenant.value, vedleggReferences(call.body));
    // A new registration is stored together with this request's audit event (answer 202: accepted).
    const audited = this.audit.eventForHandler(call, 202);
    const view = await this.registrations.submit({
      tenantOrgnr: tenant.value,
      callerOrgnr: caller.supplierOrgnr ?? caller.consumerOrgnr,
      operation: matched.operation.id,
      idempotencyKey: call.idempotencyKey,
      accept,
      body: call.body,
      context: { correlationId: call.correlationId, supplierOrgnr: caller.supplierOrgnr, ...call.context },
      auditEvent: audited.event,
    });
    if (!view.replayed) audited.committed();
    this.audit.note(call, {
      upstreamStatus: view.response?.status,
      korrelasjonsid: view.response?.korrelasjonsid ?? undefined,
    });
    return registrationAnswer(tenant, matched, view);
  }
}

/** A settled registration answers as the upstream did; an open one with 202 and where to follow it. */
function registrationAnswer(tenant: Orgnr, matched: MatchedOperation, view: RegistrationView): GatewayAnswer {
  const headers: Record<string, string> = { 'Registration-Id': view.id };
  if (view.replayed) headers['Idempotent-Replayed'] = 'true';
  const { response } = view;
  const statusUrl = `/api/v1/${tenant.value}/utleggstrekk/beslutninger/${view.id}`;
  if (view.status === 'completed' && response && response.status < 400) {
    if (response.korrelasjonsid) headers.Korrelasjonsid = response.korrelasjonsid;
    return {
      status: response.status,
      contentType: response.contentType ?? 'application/json',
      body: response.body ?? '',
      headers,
    };
  }
  if (view.status === 'completed') {
    // Settled by Skatteetaten's duplicate answer: an earlier attempt arrived, its receipt was lost.
    const detail =
      'Skatteetaten had already received this registration (DUPLIKAT_INNSENDING for its reference); the first receipt never came back';
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ id: view.id, status: view.status, statusUrl, detail }),
      headers,
    };
  }
  if (view.status === 'rejected' && response) {
    throw upstreamProblem(
      matched.api.name,
      {
        status: response.status,
        contentType: response.contentType ?? undefined,
        body: Buffer.from(response.body ?? ''),
        korrelasjonsid: response.korrelasjonsid ?? '',
      },
      { registrationId: view.id },
      headers,
    );
  }
  if (view.status === 'refused' && view.refusal) {
    const code = view.refusal.code as Exclude<PolicyCode, 'allowed'>;
    throw new DomainError(code, view.refusal.detail ?? 'The policy refused the registration before it was sent', {
      status: POLICY_CODES[code],
      extensions: { registrationId: view.id, statusUrl },
      headers,
    });
  }
  if (view.status === 'failed') {
    throw new DomainError(
      'upstream-unavailable',
      'The registration could not be delivered upstream after all attempts',
      { extensions: { registrationId: view.id, statusUrl }, headers },
    );
  }
  headers.Location = statusUrl;
  return {
    status: 202,
    contentType: 'application/json',
    body: JSON.stringify({ id: view.id, status: view.status, statusUrl }),
    headers,
  };
}
