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
import { type CheckedAction, checkActionFields } from './action-fields.js';
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
    const body = checkActionFields(dto);
    const { outcome, action } = await this.run(incident, body, actor);
    const notifications = outcome.notice
      ? await this.notifier.notify({ incidentId: incident.id, actionId: action.id, ...outcome.notice })
      : [];
    return toIncidentActionView(action, notifications);
  }

  private async run(
    incident: IncidentEntity,
    body: CheckedAction,
    actor: ActingOperator,
  ): Promise<{ outcome: Outcome; action: IncidentActionEntity }> {
    const linked = (manager: EntityManager): IncidentLink => ({ incidentId: incident.id, manager });
    switch (body.type) {
      case 'suspend-tenant':
      case 'resume-tenant': {
        const orgnr = Orgnr.parse(body.tenant).value;
        const apis = body.apis;
        const before = await this.tenants.get(orgnr);
        const suspend = body.type === 'suspend-tenant';
        const change = { reason: String(body.reason), ...(apis ? { apis } : {}) };
        const what = apis?.length ? `the ${apis.join(', ')} API${apis.length > 1 ? 's' : ''}` : 'all APIs';
        return this.inOneTransaction(incident, body, actor, async (manager) => ({
          tenant: orgnr,
          params: change,
          before,
          after: suspend
            ? await this.tenants.suspend(orgnr, change, actor, linked(manager))
            : await this.tenants.resume(orgnr, change, actor, linked(manager)),
          text: `${suspend ? 'Suspended' : 'Resumed'} ${what} for ${orgnr}: ${change.reason}`,
          notice: {
            tenants: [orgnr],
            event: suspend ? 'incident.tenant-suspended' : 'incident.tenant-resumed',
            data: { apis: apis ?? 'all' },
          },
        }));
      }
      case 'revoke-supplier': {
        const orgnr = Orgnr.parse(body.tenant).value;
        const supplier = Orgnr.parse(body.supplier).value;
        return this.inOneTransaction(incident, body, actor, async (manager) => ({
          tenant: orgnr,
          params: { supplier, reason: body.reason },
          before: await this.suppliers.remove(orgnr, supplier, actor, linked(manager)),
          after: null,
          text: `Revoked supplier ${supplier} for ${orgnr}: ${String(body.reason)}`,
          notice: { tenants: [orgnr], event: 'incident.supplier-revoked', data: { supplier } },
        }));
      }
      case 'reverify-delegations': {
        const orgnr = Orgnr.parse(body.tenant).value;
        return this.inOneTransaction(incident, body, actor, async (manager) => {
          const delegations = await this.delegations.verifyAll(orgnr, actor, linked(manager));
          return {
            tenant: orgnr,
            params: body.reason ? { reason: body.reason } : {},
            before: delegations,
            after: { queued: delegations.map((delegation) => delegation.api) },
            text: `Queued re-verification of ${delegations.length} delegation(s) of ${orgnr} at Maskinporten`,
          };
        });
      }
      case 'flush-tokens': {
        const orgnr = (await this.tenants.requireExisting(String(body.tenant))).orgnr;
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
      case 'pause-api': {
        const api = String(body.api);
        const reason = String(body.reason);
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
      case 'resume-api': {
        const api = String(body.api);
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
      case 'block-subject': {
        const key = this.config.policy.subjectBlockKey;
        if (!key)
          throw new DomainError(
            'subject-blocking-unavailable',
            'Blocking data subjects needs POLICY_SUBJECT_BLOCK_KEY to be set',
          );
        const subject = Personidentifikator.parse(body.personidentifikator, {
          allowSynthetic: this.config.environment === 'test',
        });
        const reason = String(body.reason);
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
      case 'unblock-subject': {
        const blockId = String(body.blockId);
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
    }
  }

  /** A platform-wide measure: its table, the policy notification and the incident records commit together. */
  private platformWide(
    incident: IncidentEntity,
    body: CheckedAction,
    actor: ActingOperator,
    apply: (manager: EntityManager) => Promise<Outcome>,
  ): Promise<{ outcome: Outcome; action: IncidentActionEntity }> {
    return this.writer.write(ALL_TENANTS, async (manager) => {
      const outcome = await apply(manager);
      return { outcome, action: await this.save(manager, incident, body, actor, outcome) };
    });
  }

  /** The action (through the owning service, in this transaction), its audit event and the incident's records commit together. */
  private inOneTransaction(
    incident: IncidentEntity,
    body: CheckedAction,
    actor: ActingOperator,
    apply: (manager: EntityManager) => Promise<Outcome>,
  ): Promise<{ outcome: Outcome; action: IncidentActionEntity }> {
    return this.incidents.transaction(async (manager) => {
      const outcome = await apply(manager);
      return { outcome, action: await this.save(manager, incident, body, actor, outcome) };
    });
  }

  private async save(
    manager: EntityManager,
    incident: IncidentEntity,
    body: CheckedAction,
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
