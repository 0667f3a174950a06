import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, type ApiName, Orgnr } from '#core';
import type { DelegationEntity } from '#database';
import { JobDispatcher } from '#queue';
import { NoticeOutbox } from '#notifications';
import { type ActingOperator, type IncidentLink, OperatorActionLog } from '../operator-action-log.js';
import { PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { TenantService } from '../tenants/tenant.service.js';
import { type DelegationView, type RecordDelegationDto, toDelegationView } from './delegation.dto.js';
import { DelegationRepository } from './delegation.repository.js';

export type DelegationCheckResult = Pick<DelegationEntity, 'status' | 'problemCode' | 'mpCode'>;

/** Delegations per API: recorded by the operator, verified by a worker job against Maskinporten. */
@Injectable()
export class DelegationService {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly tenants: TenantService,
    private readonly writer: PolicyStateWriter,
    private readonly jobs: JobDispatcher,
    private readonly actions: OperatorActionLog,
    private readonly notices: NoticeOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(orgnrParam: string, dto: RecordDelegationDto, actor: ActingOperator): Promise<DelegationView> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    const scope = this.scopeOf(dto.api);
    const recorded = await this.writer.write(tenant.orgnr, async (manager) => {
      const pending = await this.delegations.upsertPending(tenant.orgnr, { api: dto.api, scope }, manager);
      await this.actions.record(manager, {
        actor,
        operation: 'delegation.record',
        tenantOrgnr: tenant.orgnr,
        before: null,
        after: toDelegationView(pending),
      });
      return pending;
    });
    // After the commit: the worker must find the row. A lost job leaves it pending, and `verify` queues it again.
    await this.enqueue(recorded);
    return toDelegationView(recorded);
  }

  /** Checks every delegation of the tenant again, now. */
  async verifyAll(orgnrParam: string, actor: ActingOperator, link: IncidentLink = {}): Promise<DelegationView[]> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    const delegations = await this.delegations.listForTenant(tenant.orgnr);
    const views = delegations.map(toDelegationView);
    // Recorded first (in the incident's transaction when linked): a check is never queued unrecorded.
    const record = (manager: EntityManager) =>
      this.actions.record(manager, {
        actor,
        operation: 'delegation.verify',
        tenantOrgnr: tenant.orgnr,
        before: views,
        after: views,
        incidentId: link.incidentId,
      });
    await (link.manager ? record(link.manager) : this.delegations.transaction(record));
    for (const delegation of delegations) await this.enqueue(delegation);
    return views;
  }

  async list(orgnrParam: string): Promise<DelegationView[]> {
    const tenant = await this.tenants.requireExisting(orgnrParam);
    return (await this.delegations.listForTenant(tenant.orgnr)).map(toDelegationView);
  }

  /** Worker: the delegation to check, if it is still recorded. */
  find(tenantOrgnr: string, id: string): Promise<DelegationEntity | null> {
    return this.delegations.find(Orgnr.parse(tenantOrgnr).value, id);
  }

  /** Worker: every delegation of tenants that still have access. */
  listForRecheck(): Promise<DelegationEntity[]> {
    return this.delegations.listOfTenantsWithAccess();
  }

  /** Worker: the outcome of one check at Maskinporten; the contacts hear when it turns missing (once, not per re-check). */
  recordCheck(tenantOrgnr: string, id: string, result: DelegationCheckResult): Promise<void> {
    return this.writer.write(tenantOrgnr, async (manager) => {
      const before = await this.delegations.findForUpdate(tenantOrgnr, id, manager);
      await this.delegations.recordCheck(tenantOrgnr, id, result, manager);
      // Only `missing` is the municipality's to fix; `error` (Maskinporten could not tell) is the operator's.
      if (before && result.status === 'missing' && before.status !== result.status) {
        await this.notices.enqueue(manager, tenantOrgnr, {
          event: 'delegation.failed',
          data: { api: before.api, status: result.status, problemCode: result.problemCode },
        });
      }
    });
  }

  private scopeOf(api: ApiName): string {
    return this.config.upstream.apis[api].scope;
  }

  private async enqueue(delegation: DelegationEntity): Promise<void> {
    await this.jobs.dispatch(
      'delegations',
      'verify-delegation',
      { tenantOrgnr: delegation.tenantOrgnr, delegationId: delegation.id },
      { attempts: 1 },
    );
  }
}
