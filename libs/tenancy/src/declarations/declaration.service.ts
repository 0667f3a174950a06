import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, Orgnr } from '#core';
import type { DeclarationEntity } from '#database';
import { JobDispatcher } from '#queue';
import { type NoticeEvent, NoticeOutbox } from '#notifications';
import { type ActingOperator, OperatorActionLog } from '../operator-action-log.js';
import { PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { TermsRepository } from '../terms/terms.repository.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import {
  type ActivateDeclarationDto,
  type CreateDeclarationDto,
  DECLARATION_LIST_MAX,
  type ListDeclarationsQuery,
  type DeclarationDecisionDto,
  type DeclarationReasonDto,
  type DeclarationView,
  type RecordForwardingDto,
  toDeclarationView,
} from './declaration.dto.js';
import { DeclarationDocumentRepository } from '../documents/declaration-document.repository.js';
import { documentMissing } from './declaration-package.js';
import {
  DECLARATION_STATUSES,
  type DeclarationAction,
  InvalidTransitionError,
  nextStatus,
} from './declaration-state.js';
import { DeclarationRepository } from './declaration.repository.js';
import { forwardJobOptions } from './forwarding.js';

type Change = Partial<DeclarationEntity>;

/** Connection declarations and their lifecycle (declaration-state.ts). */
@Injectable()
export class DeclarationService {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly tenants: TenantRepository,
    private readonly terms: TermsRepository,
    private readonly writer: PolicyStateWriter,
    private readonly jobs: JobDispatcher,
    private readonly actions: OperatorActionLog,
    private readonly documents: DeclarationDocumentRepository,
    private readonly notices: NoticeOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(orgnrParam: string, dto: CreateDeclarationDto, actor: ActingOperator): Promise<DeclarationView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const view = await this.writer.write(orgnr, async (manager) => {
      const tenant = await this.tenants.findForUpdate(orgnr, manager);
      if (!tenant) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
      if (tenant.status === 'terminated' || tenant.status === 'succeeded') {
        throw new DomainError('invalid-transition', `A ${tenant.status} tenant cannot sign a declaration`, {
          extensions: { currentStatus: tenant.status, allowed: [] },
        });
      }
      if (!(await this.terms.find(dto.termsVersion, manager)))
        throw new DomainError('terms-version-unknown', `Terms version ${dto.termsVersion} is not published`);
      const existing = dto.existingAgreement === true;
      const created = await this.declarations.insert(
        orgnr,
        {
          termsVersion: dto.termsVersion,
          signedBy: dto.signedBy,
          signedAt: new Date(dto.signedAt),
          documentSha256: dto.documentSha256.toLowerCase(),
          environment: dto.environment,
          apis: [...dto.apis],
          legalBases: [...dto.legalBases],
          existingAgreement: existing,
          // With its own consumer agreement the municipality already has access (seeds §2, §6).
          status: existing ? 'active' : 'received',
          forwardStatus: null,
          forwardChannel: null,
          forwardAttempts: 0,
          forwardLastError: null,
          forwardedAt: null,
          intakeReference: null,
          decisionReference: null,
          decisionReason: null,
          decidedAt: null,
          effectiveFrom: existing ? (dto.effectiveFrom ?? new Date().toISOString().slice(0, 10)) : null,
          statusReason: existing ? 'existing consumer agreement' : null,
          terminatedAt: null,
        },
        manager,
      );
      const createdView = toDeclarationView(created);
      await this.actions.record(manager, {
        actor,
        operation: 'declaration.create',
        tenantOrgnr: orgnr,
        before: null,
        after: createdView,
      });
      return createdView;
    });
    return view;
  }

  /** The onboarding queue: declarations across tenants in the given states (all states when none). */
  async listByStatus(query: ListDeclarationsQuery): Promise<DeclarationView[]> {
    const statuses = query.status ?? [...DECLARATION_STATUSES];
    return (await this.declarations.listInStates(statuses, query.limit ?? DECLARATION_LIST_MAX)).map(toDeclarationView);
  }

  async listForTenant(orgnrParam: string): Promise<DeclarationView[]> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    if (!(await this.tenants.find(orgnr))) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
    return (await this.declarations.listForTenant(orgnr)).map(toDeclarationView);
  }

  async get(id: string): Promise<DeclarationView> {
    const declaration = await this.declarations.findById(id);
    if (!declaration) throw notFound(id);
    return toDeclarationView(declaration);
  }

  /**
   * Asks for delivery to Skatteetaten's intake. The status stays `received` (with a pending
   * forward) until the worker has delivered it. With the intake switched off (no
   * DECLARATION_INTAKE_URL) it is 409 declaration-intake-off: forward by e-mail or form and record it.
   */
  async forward(id: string, actor: ActingOperator): Promise<DeclarationView> {
    const { after } = await this.transition(id, 'forward', actor, async (declaration, manager) => {
      checkAllowed(declaration, 'forward');
      if (!this.config.onboarding.intake.url) {
        throw new DomainError(
          'declaration-intake-off',
          'The HTTP intake is switched off (DECLARATION_INTAKE_URL is not set): send the package by e-mail or form, then record-forwarding',
        );
      }
      await this.requireDocument(declaration, manager);
      if (declaration.forwardStatus === 'pending') return null;
      return { forwardStatus: 'pending', forwardAttempts: 0, forwardLastError: null };
    });
    // Queued again even while pending (a lost job must not leave it pending for ever); the
    // worker sends only pending declarations and the intake is idempotent per declaration.
    try {
      await this.jobs.dispatch(
        'declarations',
        'forward-declaration',
        { tenantOrgnr: after.tenantOrgnr, declarationId: id },
        forwardJobOptions(this.config.onboarding.intake),
      );
    } catch (error) {
      await this.writer.write(after.tenantOrgnr, (manager) =>
        this.declarations.change(
          after.tenantOrgnr,
          id,
          { forwardStatus: 'failed', forwardLastError: 'the job queue did not accept the job' },
          manager,
        ),
      );
      throw error;
    }
    return after;
  }

  /**
   * Records a forward made outside the platform (e-mail, a form, the intake by hand): the
   * declaration becomes `forwarded`, as the worker makes it after an intake delivery. Legal only
   * from `received`, and only once the signed document it forwarded is stored.
   */
  async recordForwarding(id: string, dto: RecordForwardingDto, actor: ActingOperator): Promise<DeclarationView> {
    const forwardedAt = new Date(dto.forwardedAt);
    // A little leeway for the operator's clock; a forward in the future was not made.
    if (forwardedAt.getTime() > Date.now() + 5 * 60_000)
      throw new DomainError('invalid-request', 'forwardedAt is in the future');
    const { after } = await this.transition(
      id,
      'forward',
      actor,
      async (declaration, manager) => {
        const status = checkAllowed(declaration, 'forward');
        await this.requireDocument(declaration, manager);
        await this.notices.enqueue(manager, declaration.tenantOrgnr, {
          event: 'declaration.forwarded',
          data: { declarationId: id, reference: dto.reference },
        });
        return {
          status,
          forwardStatus: 'delivered',
          forwardChannel: dto.channel,
          intakeReference: dto.reference,
          forwardedAt,
          forwardLastError: null,
        };
      },
      'declaration.record-forwarding',
    );
    return after;
  }

  approve(id: string, dto: DeclarationDecisionDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'approve', actor, () => ({
      decisionReference: dto.reference ?? null,
      decisionReason: dto.reason ?? null,
      decidedAt: new Date(),
    }));
  }

  reject(id: string, dto: DeclarationDecisionDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'reject', actor, () => ({
      decisionReference: dto.reference ?? null,
      decisionReason: dto.reason ?? null,
      decidedAt: new Date(),
    }));
  }

  activate(id: string, dto: ActivateDeclarationDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'activate', actor, () => ({ effectiveFrom: dto.effectiveFrom }));
  }

  suspend(id: string, dto: DeclarationReasonDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'suspend', actor, () => ({ statusReason: dto.reason ?? null }));
  }

  resume(id: string, dto: DeclarationReasonDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'resume', actor, () => ({ statusReason: dto.reason ?? null }));
  }

  terminate(id: string, dto: DeclarationReasonDto, actor: ActingOperator): Promise<DeclarationView> {
    return this.act(id, 'terminate', actor, () => ({
      statusReason: dto.reason ?? null,
      terminatedAt: new Date(),
      forwardStatus: null,
    }));
  }

  /** Worker: the intake answered; the declaration becomes `forwarded`. False when there was nothing pending. */
  async recordDelivered(id: string, attempts: number, intakeReference: string | null): Promise<boolean> {
    const declaration = await this.declarations.findById(id);
    if (!declaration) return false;
    return this.writer.write(declaration.tenantOrgnr, async (manager) => {
      const locked = await this.declarations.findForUpdate(declaration.tenantOrgnr, id, manager);
      if (!locked || locked.status !== 'received' || locked.forwardStatus !== 'pending') return false;
      await this.declarations.change(
        declaration.tenantOrgnr,
        id,
        {
          status: nextStatus(locked.status, 'forward'),
          forwardStatus: 'delivered',
          forwardChannel: 'intake',
          forwardAttempts: attempts,
          forwardLastError: null,
          forwardedAt: new Date(),
          intakeReference,
        },
        manager,
      );
      await this.notices.enqueue(manager, declaration.tenantOrgnr, {
        event: 'declaration.forwarded',
        data: { declarationId: id, reference: intakeReference },
      });
      return true;
    });
  }

  /** Worker: one delivery attempt failed; after the last one the forward is `failed` and may be asked for again. */
  async recordForwardFailure(id: string, attempts: number, error: string, final: boolean): Promise<void> {
    const declaration = await this.declarations.findById(id);
    if (!declaration || declaration.forwardStatus !== 'pending') return;
    await this.writer.write(declaration.tenantOrgnr, (manager) =>
      this.declarations.change(
        declaration.tenantOrgnr,
        id,
        {
          forwardAttempts: attempts,
          forwardLastError: error.slice(0, 500),
          ...(final ? { forwardStatus: 'failed' as const } : {}),
        },
        manager,
      ),
    );
  }

  /** The declaration while its intake delivery is pending, or null when it no longer is. */
  async pendingForward(id: string): Promise<DeclarationEntity | null> {
    const declaration = await this.declarations.findById(id);
    return declaration && declaration.status === 'received' && declaration.forwardStatus === 'pending'
      ? declaration
      : null;
  }

  private async requireDocument(declaration: DeclarationEntity, manager: EntityManager): Promise<void> {
    if (!(await this.documents.find(declaration.tenantOrgnr, declaration.id, manager)))
      throw documentMissing(declaration.id);
  }

  private async act(
    id: string,
    action: DeclarationAction,
    actor: ActingOperator,
    change: () => Change,
  ): Promise<DeclarationView> {
    return (
      await this.transition(id, action, actor, (declaration) => ({
        ...change(),
        status: checkAllowed(declaration, action),
      }))
    ).after;
  }

  /** Locks the declaration, computes the change (null: none), writes it with its audit event and the policy notification. */
  private async transition(
    id: string,
    action: DeclarationAction,
    actor: ActingOperator,
    decide: (declaration: DeclarationEntity, manager: EntityManager) => Change | null | Promise<Change | null>,
    operation = `declaration.${action}`,
  ): Promise<{ before: DeclarationView; after: DeclarationView; changed: boolean }> {
    const found = await this.declarations.findById(id);
    if (!found) throw notFound(id);
    return this.writer.write(found.tenantOrgnr, async (manager: EntityManager) => {
      const declaration = await this.declarations.findForUpdate(found.tenantOrgnr, id, manager);
      if (!declaration) throw notFound(id);
      const before = toDeclarationView(declaration);
      const change = await decide(declaration, manager);
      if (!change) return { before, after: before, changed: false };
      const after = toDeclarationView(await this.declarations.change(found.tenantOrgnr, id, change, manager));
      await this.actions.record(manager, { actor, operation, tenantOrgnr: after.tenantOrgnr, before, after });
      const event = NOTICE_OF[action];
      if (event) await this.notices.enqueue(manager, after.tenantOrgnr, { event, data: noticeData(after, action) });
      return { before, after, changed: true };
    });
  }
}

/** The notice the municipality's contacts get after an action (forwarding is told when it was made: recordForwarding, recordForwarded). */
const NOTICE_OF: Partial<Record<DeclarationAction, NoticeEvent>> = {
  approve: 'declaration.approved',
  reject: 'declaration.rejected',
  activate: 'declaration.activated',
  suspend: 'declaration.suspended',
  resume: 'declaration.resumed',
  terminate: 'declaration.terminated',
};

/** The facts of a notice: never the signer's name. */
function noticeData(view: DeclarationView, action: DeclarationAction): Record<string, unknown> {
  const decided = action === 'approve' || action === 'reject';
  return {
    declarationId: view.id,
    apis: view.apis,
    environment: view.environment,
    effectiveFrom: view.effectiveFrom,
    reference: decided ? view.decision.reference : null,
    reason: decided ? view.decision.reason : view.statusReason,
  };
}

/** The status after `action`, or 409 invalid-transition naming the allowed actions. */
function checkAllowed(declaration: DeclarationEntity, action: DeclarationAction): DeclarationEntity['status'] {
  try {
    return nextStatus(declaration.status, action);
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    throw new DomainError('invalid-transition', error.message, {
      extensions: { currentStatus: error.status, action, allowed: error.allowed },
    });
  }
}

function notFound(id: string): DomainError {
  return new DomainError('declaration-not-found', `No declaration ${id.slice(0, 64)}`);
}
