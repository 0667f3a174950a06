import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, Orgnr } from '#core';
import { assertWebhookUrlsAllowed, NoticeOutbox, type NoticeRequest } from '#notifications';
import type { TenantContact, TenantEntity, TenantSuspensionEntity } from '#database';
import { JobDispatcher } from '#queue';
import { MunicipalityList } from '../eligibility/municipality-list.js';
import { type ActingOperator, type IncidentLink, OperatorActionLog } from '../operator-action-log.js';
import { notifyPolicyChange, PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { DelegationRepository } from '../delegations/delegation.repository.js';
import { SupplierRepository } from '../suppliers/supplier.repository.js';
import { TermsSignatureRepository } from '../terms/terms-signature.repository.js';
import { isUniqueViolation } from '#database';
import { DeclarationRepository } from '../declarations/declaration.repository.js';
import {
  type CreateTenantDto,
  type SuccessionDto,
  type TenantReasonDto,
  type TenantSuspensionDto,
  type TenantView,
  toTenantView,
  type UpdateTenantDto,
} from './tenant.dto.js';
import { type TenantChange, TenantRepository } from './tenant.repository.js';
import { TenantSuspensionRepository } from './tenant-suspension.repository.js';
import { toStoredContacts } from './contacts.js';

type TenantAction = 'suspend' | 'resume' | 'succession' | 'terminate';

/** What an operator may do to a tenant in its state; terminated and succeeded tenants are final. */
function tenantActions(tenant: TenantEntity, suspensions: readonly TenantSuspensionEntity[]): TenantAction[] {
  if (tenant.status !== 'active' && tenant.status !== 'suspended') return [];
  return suspensions.length > 0
    ? ['suspend', 'resume', 'succession', 'terminate']
    : ['suspend', 'succession', 'terminate'];
}

function refuse(
  tenant: TenantEntity,
  action: TenantAction,
  suspensions: readonly TenantSuspensionEntity[],
  detail: string,
): never {
  throw new DomainError('invalid-transition', detail, {
    extensions: { currentStatus: tenant.status, action, allowed: tenantActions(tenant, suspensions) },
  });
}

/** Tenants (municipalities): registration, details, suspension of all or some APIs, succession. */
@Injectable()
export class TenantService {
  private readonly logger = new Logger('TenantService');

  constructor(
    private readonly tenants: TenantRepository,
    private readonly suspensions: TenantSuspensionRepository,
    private readonly declarations: DeclarationRepository,
    private readonly delegations: DelegationRepository,
    private readonly suppliers: SupplierRepository,
    private readonly signatures: TermsSignatureRepository,
    private readonly writer: PolicyStateWriter,
    private readonly actions: OperatorActionLog,
    private readonly municipalities: MunicipalityList,
    private readonly notices: NoticeOutbox,
    private readonly jobs: JobDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registers a municipality. The orgnr must be a municipality's main entity on the list
   * (libs/tenancy/data/kommuner.csv) unless the operator gives a reason to override it, which is
   * recorded on the tenant and in the audit event.
   */
  async create(dto: CreateTenantDto, actor: ActingOperator): Promise<TenantView> {
    const orgnr = Orgnr.parse(dto.orgnr).value;
    this.assertWebhookUrls(dto.contacts);
    const listed = this.municipalities.find(orgnr);
    if (!listed && !dto.eligibilityOverrideReason) {
      throw new DomainError(
        'not-a-municipality',
        `${orgnr} is not a municipality's main entity on the list of municipalities; an operator may register it with eligibilityOverrideReason`,
      );
    }
    if (listed && dto.municipalityNumber && dto.municipalityNumber !== listed.municipalityNumber) {
      throw new DomainError(
        'municipality-number-mismatch',
        `${orgnr} (${listed.name}) has kommunenummer ${listed.municipalityNumber}, not ${dto.municipalityNumber}`,
      );
    }
    const eligibilityOverride = listed
      ? null
      : { reason: dto.eligibilityOverrideReason as string, by: actor.subject, at: new Date().toISOString() };
    let view: TenantView;
    try {
      view = await this.writer.write(orgnr, async (manager) => {
        const tenant = await this.tenants.insert(
          orgnr,
          {
            name: dto.name,
            municipalityNumber: dto.municipalityNumber ?? listed?.municipalityNumber ?? null,
            contacts: toStoredContacts(dto.contacts),
            eligibilityOverride,
          },
          manager,
        );
        const created = toTenantView(tenant, []);
        await this.actions.record(manager, {
          actor,
          operation: 'tenant.create',
          tenantOrgnr: orgnr,
          before: null,
          after: created,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('tenant-exists', `Tenant ${orgnr} already exists`);
      throw error;
    }
    return view;
  }

  async list(): Promise<TenantView[]> {
    const [tenants, suspensions] = await Promise.all([this.tenants.list(), this.suspensions.inForceOfAll()]);
    return tenants.map((tenant) =>
      toTenantView(
        tenant,
        suspensions.filter((row) => row.tenantOrgnr === tenant.orgnr),
      ),
    );
  }

  async get(orgnrParam: string): Promise<TenantView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const tenant = await this.tenants.find(orgnr);
    if (!tenant) throw notFound(orgnr);
    return toTenantView(tenant, await this.suspensions.inForce(orgnr));
  }

  /** The tenant row, or tenant-not-found. */
  async requireExisting(orgnrParam: string, manager?: EntityManager): Promise<TenantEntity> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const tenant = await this.tenants.find(orgnr, manager);
    if (!tenant) throw notFound(orgnr);
    return tenant;
  }

  update(orgnrParam: string, dto: UpdateTenantDto, actor: ActingOperator): Promise<TenantView> {
    this.assertWebhookUrls(dto.contacts ?? []);
    return this.change(orgnrParam, 'tenant.update', actor, {}, async (manager, tenant) => {
      const values: TenantChange = {};
      if (dto.name !== undefined) values.name = dto.name;
      if (dto.contacts !== undefined) values.contacts = toStoredContacts(dto.contacts, tenant.contacts);
      if (dto.ratePerMinute !== undefined) values.ratePerMinute = dto.ratePerMinute;
      return Object.keys(values).length > 0 ? this.tenants.change(tenant.orgnr, values, manager) : tenant;
    });
  }

  /**
   * A municipal merger: the tenant's access ends (its audit stays) and the successor, a tenant
   * with access already, takes over its open declarations, its delegations (as pending, to be
   * verified again: the successor must delegate in Altinn itself), its suppliers and its contacts.
   * One transaction; each step is an audited operator action.
   */
  async succession(orgnrParam: string, dto: SuccessionDto, actor: ActingOperator): Promise<TenantView> {
    const successorOrgnr = Orgnr.parse(dto.successorOrgnr).value;
    const pending: Array<{ id: string; api: string }> = [];
    const view = await this.change(orgnrParam, 'tenant.succession', actor, {}, async (manager, tenant, suspensions) => {
      if (!tenantActions(tenant, suspensions).includes('succession'))
        refuse(tenant, 'succession', suspensions, `A ${tenant.status} tenant cannot be succeeded`);
      if (successorOrgnr === tenant.orgnr) throw new DomainError('invalid-request', 'A tenant cannot succeed itself');
      const successor = await this.tenants.findForUpdate(successorOrgnr, manager);
      if (!successor || (successor.status !== 'active' && successor.status !== 'suspended')) {
        throw new DomainError(
          'successor-not-found',
          `The successor ${successorOrgnr} must be a tenant with access (register it first)`,
        );
      }
      const step = (operation: string, after: unknown) =>
        this.actions.record(manager, {
          actor,
          operation: `tenant.succession.${operation}`,
          tenantOrgnr: successorOrgnr,
          before: { predecessor: tenant.orgnr },
          after,
        });
      const declarationIds = await this.declarations.moveOpenTo(tenant.orgnr, successorOrgnr, manager);
      await this.signatures.moveTo(tenant.orgnr, successorOrgnr, declarationIds, manager);
      await step('declarations', { declarationIds });
      pending.push(...(await this.delegations.copyAsPendingTo(tenant.orgnr, successorOrgnr, manager)));
      await step('delegations', { pending: pending.map((row) => row.api) });
      await step('suppliers', { suppliers: await this.suppliers.moveTo(tenant.orgnr, successorOrgnr, manager) });
      const contacts = mergeContacts(successor.contacts, tenant.contacts);
      await this.tenants.change(successorOrgnr, { contacts }, manager);
      await step('contacts', { before: successor.contacts, after: contacts });
      await notifyPolicyChange(manager, successorOrgnr);
      await this.notices.enqueue(manager, successorOrgnr, {
        event: 'tenant.succeeded',
        data: {
          predecessorOrgnr: tenant.orgnr,
          predecessorName: tenant.name,
          successorOrgnr,
          successorName: successor.name,
        },
      });
      return this.tenants.change(
        tenant.orgnr,
        { status: 'succeeded', successorOrgnr, succeededAt: new Date(), contacts: [] },
        manager,
      );
    });
    // After the commit, so the worker finds the rows; a lost job leaves them pending for the periodic re-check.
    for (const delegation of pending) {
      await this.jobs
        .dispatch(
          'delegations',
          'verify-delegation',
          { tenantOrgnr: successorOrgnr, delegationId: delegation.id },
          { attempts: 1 },
        )
        .catch((error: unknown) =>
          this.logger.warn(
            {
              tenantOrgnr: successorOrgnr,
              api: delegation.api,
              reason: error instanceof Error ? error.message : String(error),
            },
            'delegation check not queued; the periodic re-check will verify it',
          ),
        );
    }
    return view;
  }

  /** Access ends for good (seeds §2: when the conditions fall away); its open declarations are terminated with it. */
  terminate(orgnrParam: string, dto: TenantReasonDto, actor: ActingOperator): Promise<TenantView> {
    return this.change(orgnrParam, 'tenant.terminate', actor, {}, async (manager, tenant, suspensions) => {
      if (!tenantActions(tenant, suspensions).includes('terminate'))
        refuse(tenant, 'terminate', suspensions, `A ${tenant.status} tenant cannot be terminated`);
      await this.declarations.terminateOpen(tenant.orgnr, dto.reason, manager);
      await this.notify(manager, tenant.orgnr, {}, { event: 'tenant.terminated', data: { reason: dto.reason } });
      return this.tenants.change(tenant.orgnr, { status: 'terminated' }, manager);
    });
  }

  /** Suspends all APIs (no `apis`) or the given ones, until resumed. */
  suspend(
    orgnrParam: string,
    dto: TenantSuspensionDto,
    actor: ActingOperator,
    link: IncidentLink = {},
  ): Promise<TenantView> {
    return this.change(orgnrParam, 'tenant.suspend', actor, link, async (manager, tenant, suspensions) => {
      if (!tenantActions(tenant, suspensions).includes('suspend'))
        refuse(tenant, 'suspend', suspensions, `A ${tenant.status} tenant cannot be suspended`);
      const apis: Array<string | null> = dto.apis?.length ? [...dto.apis] : [null];
      await this.suspensions.suspend(
        tenant.orgnr,
        apis,
        { reason: dto.reason, by: actor.subject, incidentId: link.incidentId ?? null },
        manager,
      );
      await this.notify(manager, tenant.orgnr, link, {
        event: 'tenant.suspended',
        data: { reason: dto.reason, apis: dto.apis ?? [] },
      });
      return apis.includes(null) ? this.tenants.change(tenant.orgnr, { status: 'suspended' }, manager) : tenant;
    });
  }

  /** Lifts every suspension in force (no `apis`), or those of the given APIs. */
  resume(
    orgnrParam: string,
    dto: TenantSuspensionDto,
    actor: ActingOperator,
    link: IncidentLink = {},
  ): Promise<TenantView> {
    return this.change(orgnrParam, 'tenant.resume', actor, link, async (manager, tenant, suspensions) => {
      const only: readonly string[] = dto.apis ?? [];
      const lifting =
        only.length > 0 ? suspensions.filter((row) => row.api !== null && only.includes(row.api)) : suspensions;
      if (!tenantActions(tenant, suspensions).includes('resume') || lifting.length === 0) {
        refuse(tenant, 'resume', suspensions, 'Nothing of this is suspended');
      }
      await this.suspensions.lift(
        tenant.orgnr,
        lifting.map((row) => row.id),
        { reason: dto.reason, by: actor.subject },
        manager,
      );
      await this.notify(manager, tenant.orgnr, link, {
        event: 'tenant.resumed',
        data: { reason: dto.reason, apis: dto.apis ?? [] },
      });
      const allLifted = !suspensions.some((row) => row.api === null && !lifting.includes(row));
      return tenant.status === 'suspended' && allLifted
        ? this.tenants.change(tenant.orgnr, { status: 'active' }, manager)
        : tenant;
    });
  }

  /** A notice in the change's transaction; an incident's action is told by the incident's own notice (IncidentNotifier). */
  private async notify(
    manager: EntityManager,
    orgnr: string,
    link: IncidentLink,
    request: NoticeRequest,
  ): Promise<void> {
    if (link.incidentId) return;
    await this.notices.enqueue(manager, orgnr, request);
  }

  /** https only outside APP_ENV=test, and no literal inside address (the worker checks resolved ones at send time). */
  private assertWebhookUrls(contacts: ReadonlyArray<{ webhookUrl?: string }>): void {
    assertWebhookUrlsAllowed(contacts, {
      environment: this.config.environment,
      allowPrivateAddresses: this.config.webhooks.allowPrivateAddresses,
    });
  }

  /** Locks the tenant, applies the change, records the action and notifies the policy state, in one transaction (the incident's, when linked). */
  private async change(
    orgnrParam: string,
    operation: string,
    actor: ActingOperator,
    link: IncidentLink,
    apply: (
      manager: EntityManager,
      tenant: TenantEntity,
      suspensions: TenantSuspensionEntity[],
    ) => Promise<TenantEntity>,
  ): Promise<TenantView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    return this.writer.write(
      orgnr,
      async (manager) => {
        const tenant = await this.tenants.findForUpdate(orgnr, manager);
        if (!tenant) throw notFound(orgnr);
        const suspensions = await this.suspensions.inForce(orgnr, manager);
        const before = toTenantView(tenant, suspensions);
        const changed = await apply(manager, { ...tenant }, suspensions);
        const after = toTenantView(changed, await this.suspensions.inForce(orgnr, manager));
        await this.actions.record(manager, {
          actor,
          operation,
          tenantOrgnr: orgnr,
          before,
          after,
          incidentId: link.incidentId,
        });
        return after;
      },
      link.manager,
    );
  }
}

/** The successor's contacts, then the predecessor's it does not have yet (same name and e-mail), at most 20. */
function mergeContacts(successor: readonly TenantContact[], predecessor: readonly TenantContact[]): TenantContact[] {
  const key = (contact: TenantContact) => `${contact.name.trim().toLowerCase()}|${(contact.email ?? '').toLowerCase()}`;
  const seen = new Set(successor.map(key));
  return [...successor, ...predecessor.filter((contact) => !seen.has(key(contact)))]
    .slice(0, 20)
    .map((contact) => ({ ...contact }));
}

function notFound(orgnr: string): DomainError {
  return new DomainError('tenant-not-found', `No tenant ${orgnr}`);
}
