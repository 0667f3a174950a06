import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, Orgnr } from '#core';
import { assertWebhookUrlsAllowed } from '#notifications';
import type { TenantEntity, TenantSuspensionEntity } from '#database';
import { type ActingOperator, type IncidentLink, OperatorActionLog } from '../operator-action-log.js';
import { PolicyStateWriter } from '../policy-state/policy-state.writer.js';
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
  constructor(
    private readonly tenants: TenantRepository,
    private readonly suspensions: TenantSuspensionRepository,
    private readonly declarations: DeclarationRepository,
    private readonly writer: PolicyStateWriter,
    private readonly actions: OperatorActionLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateTenantDto, actor: ActingOperator): Promise<TenantView> {
    const orgnr = Orgnr.parse(dto.orgnr).value;
    this.assertWebhookUrls(dto.contacts);
    let view: TenantView;
    try {
      view = await this.writer.write(orgnr, async (manager) => {
        const tenant = await this.tenants.insert(
          orgnr,
          {
            name: dto.name,
            municipalityNumber: dto.municipalityNumber ?? null,
            contacts: toStoredContacts(dto.contacts),
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

  /** A municipal merger: the tenant's access ends; its audit stays. */
  succession(orgnrParam: string, dto: SuccessionDto, actor: ActingOperator): Promise<TenantView> {
    const successor = Orgnr.parse(dto.successorOrgnr).value;
    return this.change(orgnrParam, 'tenant.succession', actor, {}, async (manager, tenant, suspensions) => {
      if (!tenantActions(tenant, suspensions).includes('succession'))
        refuse(tenant, 'succession', suspensions, `A ${tenant.status} tenant cannot be succeeded`);
      if (successor === tenant.orgnr) throw new DomainError('invalid-request', 'A tenant cannot succeed itself');
      return this.tenants.change(
        tenant.orgnr,
        {
          status: 'succeeded',
          successorOrgnr: successor,
          succeededAt: new Date(),
        },
        manager,
      );
    });
  }

  /** Access ends for good (seeds §2: when the conditions fall away); its open declarations are terminated with it. */
  terminate(orgnrParam: string, dto: TenantReasonDto, actor: ActingOperator): Promise<TenantView> {
    return this.change(orgnrParam, 'tenant.terminate', actor, {}, async (manager, tenant, suspensions) => {
      if (!tenantActions(tenant, suspensions).includes('terminate'))
        refuse(tenant, 'terminate', suspensions, `A ${tenant.status} tenant cannot be terminated`);
      await this.declarations.terminateOpen(tenant.orgnr, dto.reason, manager);
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
      const allLifted = !suspensions.some((row) => row.api === null && !lifting.includes(row));
      return tenant.status === 'suspended' && allLifted
        ? this.tenants.change(tenant.orgnr, { status: 'active' }, manager)
        : tenant;
    });
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

function notFound(orgnr: string): DomainError {
  return new DomainError('tenant-not-found', `No tenant ${orgnr}`);
}
