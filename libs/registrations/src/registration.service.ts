import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type AuditEventInput, AuditWriter } from '#audit';
import { APP_CONFIG, type AppConfig, DomainError, isUuid } from '#core';
import type { RegistrationContext, RegistrationEntity } from '#database';
import { JobDispatcher } from '#queue';
import { RegistrationRepository } from './registration.repository.js';

export interface RegistrationRequest {
  tenantOrgnr: string;
  /** Who sends it: the supplier in the token, else the municipality; Idempotency-Keys are this caller's own. */
  callerOrgnr: string;
  operation: string;
  idempotencyKey: string | undefined;
  /** The media type the caller accepts. */
  accept: string;
  body: unknown;
  context: RegistrationContext;
  /** The request's audit event: a new registration is stored only together with it, in one transaction. */
  auditEvent: AuditEventInput;
}

const REGISTRATION_STATUSES: readonly RegistrationEntity['status'][] = [
  'accepted',
  'sending',
  'unknown',
  'completed',
  'rejected',
  'refused',
  'failed',
];

export class RegistrationRefusal {
  @ApiProperty({ description: "The policy's problem code", example: 'tenant-suspended' })
  code!: string;

  @ApiProperty({ type: String, nullable: true })
  detail!: string | null;
}

export class RegistrationUpstreamAnswer {
  @ApiProperty({ description: "Skatteetaten's HTTP status" })
  status!: number;

  @ApiProperty({ type: String, nullable: true })
  contentType!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Skatteetaten's answer as sent (dropped from storage once settled)",
  })
  body!: string | null;

  @ApiProperty({ type: String, nullable: true })
  korrelasjonsid!: string | null;
}

/** A registration as its caller sees it (the receipt route's answer). */
export class RegistrationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status!: RegistrationEntity['status'];

  @ApiProperty({ example: 'utleggstrekk.send-beslutning' })
  operation!: string;

  @ApiProperty({ description: 'Send attempts so far' })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  settledAt!: Date | null;

  /** Set when the policy refused it at send time: the code and why (nothing was sent). */
  @ApiPropertyOptional({ type: RegistrationRefusal })
  refusal?: RegistrationRefusal;

  /** Set once settled with an upstream answer. */
  @ApiPropertyOptional({ type: RegistrationUpstreamAnswer })
  response?: RegistrationUpstreamAnswer;

  /** True when the Idempotency-Key was seen before and this is its stored outcome. */
  @ApiProperty()
  replayed!: boolean;
}

/**
 * Queues the job that sends a registration. The job id is the registration id, so queuing again (a
 * retry of the request, the sweeper) never makes a second job; a settled registration is never sent.
 */
export function queueRegistration(
  jobs: JobDispatcher,
  config: AppConfig,
  tenantOrgnr: string,
  registrationId: string,
): Promise<string> {
  const { attempts, backoffMs } = config.upstream.registrations;
  return jobs.dispatch(
    'registrations',
    'send-registration',
    { tenantOrgnr, registrationId },
    { jobId: registrationId, attempts, backoff: { type: 'exponential', delay: backoffMs } },
  );
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;
const SETTLED = new Set(['completed', 'rejected', 'refused', 'failed']);

/**
 * Registrations as the gateway sees them: stored with their Idempotency-Key before anything is
 * sent, handed to the worker's durable job, and answered with the final outcome when it comes
 * within a short wait (else 202 and a status URL).
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger('RegistrationService');

  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly jobs: JobDispatcher,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores the registration and the request's audit event in one transaction, then queues it: if
   * the audit store fails, nothing is stored (503 `audit-unavailable`) and nothing can be sent.
   */
  async submit(request: RegistrationRequest): Promise<RegistrationView> {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      throw new DomainError(
        'invalid-request',
        'A registration needs a JSON object as its body (Content-Type: application/json)',
      );
    }
    const key = request.idempotencyKey;
    if (key === undefined || key === '')
      throw new DomainError(
        'idempotency-key-missing',
        'A registration needs an Idempotency-Key header, so that a retry never registers twice',
      );
    if (!IDEMPOTENCY_KEY.test(key))
      throw new DomainError('idempotency-key-invalid', 'The Idempotency-Key must be 1-200 visible ASCII characters');
    const requestHash = createHash('sha256')
      .update(`${request.operation}\n${request.accept}\n${JSON.stringify(request.body)}`)
      .digest('hex');
    const { registration, created } = await this.registrations.insertOrFind(
      request.tenantOrgnr,
      {
        callerOrgnr: request.callerOrgnr,
        idempotencyKey: key,
        requestHash,
        operation: request.operation,
        requestBody: request.body,
        accept: request.accept,
        context: request.context,
      },
      (manager, stored) =>
        this.audit.recordWithin(manager, {
          ...request.auditEvent,
          details: { ...request.auditEvent.details, registrationId: stored.id },
        }),
    );
    if (registration.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency-key-reused',
        'This Idempotency-Key was already used for a different registration',
      );
    }
    if (registration.status === 'accepted') await this.enqueue(registration);
    const settled = SETTLED.has(registration.status) ? registration : await this.waitForSettlement(registration);
    return toView(settled, !created);
  }

  /** With `supplierOrgnr` (a supplier's token), only that supplier's own registrations are found. */
  async find(tenantOrgnr: string, id: string, supplierOrgnr?: string): Promise<RegistrationView> {
    const registration = isUuid(id) ? await this.registrations.findForCaller(tenantOrgnr, id, supplierOrgnr) : null;
    if (!registration)
      throw new DomainError('registration-not-found', 'No registration with this id exists for this tenant');
    return toView(registration, false);
  }

  /** Queues the registration's job; the sweeper retries what could not be queued. */
  private async enqueue(registration: RegistrationEntity): Promise<void> {
    try {
      await queueRegistration(this.jobs, this.config, registration.tenantOrgnr, registration.id);
    } catch (error) {
      this.logger.warn(
        { registrationId: registration.id, reason: (error as Error).message },
        'registration stored but not queued; the sweeper will queue it',
      );
    }
  }

  private async waitForSettlement(registration: RegistrationEntity): Promise<RegistrationEntity> {
    const until = Date.now() + this.config.upstream.registrations.waitMs;
    let current = registration;
    for (let pause = 25; Date.now() < until; pause = Math.min(pause * 2, 200)) {
      await sleep(Math.min(pause, Math.max(0, until - Date.now())));
      current = (await this.registrations.findOne(registration.tenantOrgnr, { id: registration.id })) ?? current;
      if (SETTLED.has(current.status)) break;
    }
    return current;
  }
}

function toView(registration: RegistrationEntity, replayed: boolean): RegistrationView {
  return {
    id: registration.id,
    status: registration.status,
    operation: registration.operation,
    attempts: registration.attempts,
    createdAt: registration.createdAt,
    settledAt: registration.settledAt,
    refusal:
      registration.refusalCode === null
        ? undefined
        : { code: registration.refusalCode, detail: registration.lastError },
    response:
      registration.responseStatus === null
        ? undefined
        : {
            status: registration.responseStatus,
            contentType: registration.responseContentType,
            body: registration.responseBody,
            korrelasjonsid: registration.korrelasjonsid,
          },
    replayed,
  };
}
