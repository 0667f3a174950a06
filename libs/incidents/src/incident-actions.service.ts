import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, Orgnr, Personidentifikator } from '#core';
import { type IncidentActionEntity, type IncidentEntity, isUniqueViolation } from '#database';
import { subjectKey } from '#policy';
import {
  type ActingOperator,
  ALL_TENANTS,
  DelegationService,
  type IncidentLink,
  OperatorActionLog,
  PolicyStateWriter,
  SupplierService,
  TenantService,
} from '#tenancy';
import { checkActionFields, type IncidentAction, type IncidentActionType } from './action-fields.js';
import { type IncidentActionDto, type IncidentActionView, toIncidentActionView } from './incident-action.dto.js';
import { type IncidentNotice, IncidentNotifier } from './incident-notifier.js';
import { IncidentRepository } from './incident.repository.js';
import { closed, IncidentService } from './incident.service.js';
import { MeasuresRepository } from './measures.repository.js';

/** What one action did: recorded as the incident action, on the timeline, and told to the affected tenants. */
interface Outcome {
  tenant: string | null;
  /** The request, without personal data. */
  params: Record<string, unknown>;
  before: unknown;
  after: unknown;
  text: string;
  /** Set when this action's own audit event is still to be written (the tenancy services write theirs). */
  auditOperation?: string;
  notice?: Pick<IncidentNotice, 'tenants' | 'event' | 'data'>;
}

/** An action done and recorded on the incident. */
interface Performed {
  outcome: Outcome;
  action: IncidentActionEntity;
}

type Handler<T extends IncidentActionType> = (
  incident: IncidentEntity,
  body: IncidentAction<T>,
  actor: ActingOperator,
) => Promise<Performed>;

/** The owning services take part in the incident's transaction and link their audit events to it. */
const linked = (incident: IncidentEntity, manager: EntityManager): IncidentLink => ({
  incidentId: incident.id,
  manager,
});

/**
 * The measures an incident manager takes under an incident. Each goes through the service that
 * owns the state (tenants, suppliers, delegations) or, for the platform-wide measures, writes its
 * table and the policy notification in one transaction, so every gateway replica applies it
 * within a second. Each is recorded on the incident, audited once with the incident id, and told
 * to the affected tenants' contacts.
 */
@Injectable()
export class IncidentActionsService {
  constructor(
    private readonly incidentService: IncidentService,
    private readonly incidents: IncidentRepository,
    private readonly measures: MeasuresRepository,
    private readonly tenants: TenantService,
    private readonly suppliers: SupplierService,
    private readonly delegations: DelegationService,
    private readonly writer: PolicyStateWriter,
    private readonly notifier: IncidentNotifier,
    private readonly operatorActions: OperatorActionLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async perform(incidentId: string, dto: IncidentActionDto, actor: ActingOperator): Promise<IncidentActionView> {
    const incident = await this.incidentService.require(incidentId);
    if (incident.status === 'closed') throw closed(incident);
    const { outcome, action } = await this.run(incident, checkActionFields(dto), actor);
    const notifications = outcome.notice
      ? await this.notifier.notify({ incidentId: incident.id, actionId: action.id, ...outcome.notice })
      : [];
    return toIncidentActionView(action, notifications);
  }

  /** One handler per action type; the table's type makes sure every type has one. */
  private readonly handlers: { [T in IncidentActionType]: Handler<T> } = {
    'suspend-tenant': (incident, body, actor) => this.changeSuspension(incident, body, actor),
    'resume-tenant': (incident, body, actor) => this.changeSuspension(incident, body, actor),
    'revoke-supplier': (incident, body, actor) => this.revokeSupplier(incident, body, actor),
    'reverify-delegations': (incident, body, actor) => this.reverifyDelegations(incident, body, actor),
    'flush-tokens': (incident, body, actor) => this.flushTokens(incident, body, actor),
    'pause-api': (incident, body, actor) => this.pauseApi(incident, body, actor),
    'resume-api': (incident, body, actor) => this.resumeApi(incident, body, actor),
    'block-subject': (incident, body, actor) => this.blockSubject(incident, body, actor),
    'unblock-subject': (incident, body, actor) => this.unblockSubject(incident, body, actor),
  };

  private run<T extends IncidentActionType>(
    incident: IncidentEntity,
    body: IncidentAction<T>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const handler: Handler<T> = this.handlers[body.type];
    return handler(incident, body, actor);
  }

  private async changeSuspension(
    incident: IncidentEntity,
    body: IncidentAction<'suspend-tenant' | 'resume-tenant'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const orgnr = Orgnr.parse(body.tenant).value;
    const apis = body.apis;
    const before = await this.tenants.get(orgnr);
    const suspend = body.type === 'suspend-tenant';
    const change = { reason: body.reason, ...(apis ? { apis } : {}) };
    const what = apis?.length ? `the ${apis.join(', ')} API${apis.length > 1 ? 's' : ''}` : 'all APIs';
    return this.inOneTransaction(incident, body, actor, async (manager) => ({
      tenant: orgnr,
      params: change,
      before,
      after: suspend
        ? await this.tenants.suspend(orgnr, change, actor, linked(incident, manager))
        : await this.tenants.resume(orgnr, change, actor, linked(incident, manager)),
      text: `${suspend ? 'Suspended' : 'Resumed'} ${what} for ${orgnr}: ${change.reason}`,
      notice: {
        tenants: [orgnr],
        event: suspend ? 'incident.tenant-suspended' : 'incident.tenant-resumed',
        data: { apis: apis ?? 'all' },
      },
    }));
  }

  private revokeSupplier(
    incident: IncidentEntity,
    body: IncidentAction<'revoke-supplier'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const orgnr = Orgnr.parse(body.tenant).value;
    const supplier = Orgnr.parse(body.supplier).value;
    return this.inOneTransaction(incident, body, actor, async (manager) => ({
      tenant: orgnr,
      params: { supplier, reason: body.reason },
      before: await this.suppliers.remove(orgnr, supplier, actor, linked(incident, manager)),
      after: null,
      text: `Revoked supplier ${supplier} for ${orgnr}: ${body.reason}`,
      notice: { tenants: [orgnr], event: 'incident.supplier-revoked', data: { supplier } },
    }));
  }

  private reverifyDelegations(
    incident: IncidentEntity,
    body: IncidentAction<'reverify-delegations'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const orgnr = Orgnr.parse(body.tenant).value;
    return this.inOneTransaction(incident, body, actor, async (manager) => {
      const delegations = await this.delegations.verifyAll(orgnr, actor, linked(incident, manager));
      return {
        tenant: orgnr,
        params: body.reason ? { reason: body.reason } : {},
        before: delegations,
        after: { queued: delegations.map((delegation) => delegation.api) },
        text: `Queued re-verification of ${delegations.length} delegation(s) of ${orgnr} at Maskinporten`,
      };
    });
  }

  private async flushTokens(
    incident: IncidentEntity,
    body: IncidentAction<'flush-tokens'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const orgnr = (await this.tenants.requireExisting(body.tenant)).orgnr;
    return this.inOneTransaction(incident, body, actor, async (manager) => {
      await this.measures.notifyTokenFlush(manager, orgnr);
      return {
        tenant: orgnr,
        params: body.reason ? { reason: body.reason } : {},
        before: null,
        after: { flushed: orgnr },
        text: `Flushed the cached Maskinporten tokens of ${orgnr} on every process`,
        auditOperation: 'tenant.flush-tokens',
      };
    });
  }

  private pauseApi(
    incident: IncidentEntity,
    body: IncidentAction<'pause-api'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const { api, reason } = body;
    return this.platformWide(incident, body, actor, async (manager) => {
      try {
        const pause = await this.measures.pauseApi(manager, {
          api,
          reason,
          incidentId: incident.id,
          pausedBy: actor.subject,
        });
        return {
          tenant: null,
          params: { api, reason },
          before: null,
          after: { pauseId: pause.id, api },
          text: `Paused the ${api} API for every tenant: ${reason}`,
          auditOperation: 'api.pause',
          notice: { tenants: 'all', event: 'incident.api-paused', data: { api } },
        };
      } catch (error) {
        throw isUniqueViolation(error)
          ? new DomainError('api-already-paused', `The ${api} API is already paused`)
          : error;
      }
    });
  }

  private resumeApi(
    incident: IncidentEntity,
    body: IncidentAction<'resume-api'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const { api } = body;
    return this.platformWide(incident, body, actor, async (manager) => {
      const lifted = await this.measures.liftApiPause(manager, api, actor.subject);
      if (!lifted) throw new DomainError('api-not-paused', `The ${api} API is not paused`);
      return {
        tenant: null,
        params: { api, ...(body.reason ? { reason: body.reason } : {}) },
        before: { pauseId: lifted.id, api, reason: lifted.reason },
        after: null,
        text: `Resumed the ${api} API for every tenant`,
        auditOperation: 'api.resume',
        notice: { tenants: 'all', event: 'incident.api-resumed', data: { api } },
      };
    });
  }

  private blockSubject(
    incident: IncidentEntity,
    body: IncidentAction<'block-subject'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const key = this.config.policy.subjectBlockKey;
    if (!key)
      throw new DomainError(
        'subject-blocking-unavailable',
        'Blocking data subjects needs POLICY_SUBJECT_BLOCK_KEY to be set',
      );
    const subject = Personidentifikator.parse(body.personidentifikator, {
      allowSynthetic: this.config.environment === 'test',
    });
    const { reason } = body;
    return this.platformWide(incident, body, actor, async (manager) => {
      try {
        const block = await this.measures.blockSubject(manager, {
          subjectHash: subjectKey(subject.value, key),
          reason,
          incidentId: incident.id,
          blockedBy: actor.subject,
        });
        return {
          tenant: null,
          params: { reason },
          before: null,
          after: { blockId: block.id },
          // Personidentifikator prints masked: the digits never reach the timeline.
          text: `Blocked look-ups of data subject ${String(subject)} (block ${block.id}): ${reason}`,
          auditOperation: 'subject.block',
        };
      } catch (error) {
        throw isUniqueViolation(error)
          ? new DomainError('subject-already-blocked', 'Look-ups of this data subject are already blocked')
          : error;
      }
    });
  }

  private unblockSubject(
    incident: IncidentEntity,
    body: IncidentAction<'unblock-subject'>,
    actor: ActingOperator,
  ): Promise<Performed> {
    const { blockId } = body;
    return this.platformWide(incident, body, actor, async (manager) => {
      const lifted = isUuid(blockId) ? await this.measures.liftBlock(manager, blockId, actor.subject) : null;
      if (!lifted) throw new DomainError('subject-block-not-found', 'No block in force with this id');
      return {
        tenant: null,
        params: { blockId, ...(body.reason ? { reason: body.reason } : {}) },
        before: { blockId },
        after: null,
        text: `Lifted block ${blockId} of a data subject`,
        auditOperation: 'subject.unblock',
      };
    });
  }

  /** A platform-wide measure: its table, the policy notification and the incident records commit together. */
  private platformWide(
    incident: IncidentEntity,
    body: IncidentAction,
    actor: ActingOperator,
    apply: (manager: EntityManager) => Promise<Outcome>,
  ): Promise<Performed> {
    return this.writer.write(ALL_TENANTS, async (manager) => {
      const outcome = await apply(manager);
      return { outcome, action: await this.save(manager, incident, body, actor, outcome) };
    });
  }

  /** The action (through the owning service, in this transaction), its audit event and the incident's records commit together. */
  private inOneTransaction(
    incident: IncidentEntity,
    body: IncidentAction,
    actor: ActingOperator,
    apply: (manager: EntityManager) => Promise<Outcome>,
  ): Promise<Performed> {
    return this.incidents.transaction(async (manager) => {
      const outcome = await apply(manager);
      return { outcome, action: await this.save(manager, incident, body, actor, outcome) };
    });
  }

  private async save(
    manager: EntityManager,
    incident: IncidentEntity,
    body: IncidentAction,
    actor: ActingOperator,
    outcome: Outcome,
  ): Promise<IncidentActionEntity> {
    const action = await this.incidents.insertAction(manager, {
      incidentId: incident.id,
      type: body.type,
      tenantOrgnr: outcome.tenant,
      params: outcome.params,
      before: outcome.before,
      after: outcome.after,
      performedBy: actor.subject,
    });
    await this.incidents.addTimeline(manager, {
      incidentId: incident.id,
      kind: 'action',
      author: actor.subject,
      text: outcome.text,
      actionId: action.id,
    });
    if (outcome.tenant) await this.incidents.addAffectedTenant(manager, incident.id, outcome.tenant);
    if (outcome.auditOperation) {
      await this.operatorActions.record(manager, {
        actor,
        operation: outcome.auditOperation,
        tenantOrgnr: outcome.tenant,
        before: outcome.before,
        after: outcome.after,
        incidentId: incident.id,
      });
    }
    return action;
  }
}
