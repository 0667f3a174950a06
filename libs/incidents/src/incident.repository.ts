import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  IncidentActionEntity,
  IncidentEntity,
  IncidentNotificationEntity,
  IncidentTimelineEntity,
  type IncidentTimelineKind,
  type WebhookDeliveryStatus,
} from '#database';

export interface IncidentFilter {
  status?: IncidentEntity['status'];
  tenant?: string;
}

export interface IncidentNotificationRow {
  deliveryId: string;
  actionId: string | null;
  tenantOrgnr: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

type NewIncident = Pick<IncidentEntity, 'severity' | 'summary' | 'affectedTenants' | 'affectedApis' | 'openedBy'>;
type IncidentChange = Partial<
  Pick<
    IncidentEntity,
    'severity' | 'summary' | 'status' | 'affectedTenants' | 'affectedApis' | 'resolvedAt' | 'closedAt'
  >
>;
type NewAction = Pick<
  IncidentActionEntity,
  'incidentId' | 'type' | 'tenantOrgnr' | 'params' | 'before' | 'after' | 'performedBy'
>;

/** Incidents, their timeline, actions and the notifications they sent. Writes take the transaction's manager. */
@Injectable()
export class IncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, values: NewIncident): Promise<IncidentEntity> {
    const repository = manager.getRepository(IncidentEntity);
    return repository.save(repository.create({ ...values, status: 'open' }));
  }

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<IncidentEntity | null> {
    return manager.getRepository(IncidentEntity).findOne({ where: { id } });
  }

  /** The incident row, locked until the transaction ends: status changes and actions apply one after the other. */
  findForUpdate(manager: EntityManager, id: string): Promise<IncidentEntity | null> {
    return manager.getRepository(IncidentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(filter: IncidentFilter): Promise<IncidentEntity[]> {
    const query = this.dataSource
      .getRepository(IncidentEntity)
      .createQueryBuilder('incident')
      .orderBy('incident.opened_at', 'DESC')
      .limit(500);
    if (filter.status) query.andWhere('incident.status = :status', { status: filter.status });
    if (filter.tenant) query.andWhere(':tenant = ANY(incident.affected_tenants)', { tenant: filter.tenant });
    return query.getMany();
  }

  async update(manager: EntityManager, id: string, values: IncidentChange): Promise<IncidentEntity> {
    const repository = manager.getRepository(IncidentEntity);
    await repository.update({ id }, values);
    return repository.findOneOrFail({ where: { id } });
  }

  /** Adds the tenant to the incident's affected tenants unless it is there already. */
  async addAffectedTenant(manager: EntityManager, id: string, orgnr: string): Promise<void> {
    await manager.query(
      `UPDATE incidents SET affected_tenants = array_append(affected_tenants, $2::text), updated_at = now() WHERE id = $1 AND NOT ($2::text = ANY(affected_tenants))`,
      [id, orgnr],
    );
  }

  async addTimeline(
    manager: EntityManager,
    entry: { incidentId: string; kind: IncidentTimelineKind; text: string; author: string; actionId?: string | null },
  ): Promise<IncidentTimelineEntity> {
    const repository = manager.getRepository(IncidentTimelineEntity);
    // clock_timestamp(), not now(): entries written in one transaction keep their order.
    const result = await repository.insert({
      ...entry,
      actionId: entry.actionId ?? null,
      at: () => 'clock_timestamp()',
    });
    return repository.findOneOrFail({ where: { id: (result.identifiers[0] as { id: string }).id } });
  }

  timeline(incidentId: string): Promise<IncidentTimelineEntity[]> {
    return this.dataSource
      .getRepository(IncidentTimelineEntity)
      .find({ where: { incidentId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async insertAction(manager: EntityManager, values: NewAction): Promise<IncidentActionEntity> {
    const repository = manager.getRepository(IncidentActionEntity);
    return repository.save(repository.create(values));
  }

  actions(incidentId: string): Promise<IncidentActionEntity[]> {
    return this.dataSource
      .getRepository(IncidentActionEntity)
      .find({ where: { incidentId }, order: { performedAt: 'ASC', id: 'ASC' } });
  }

  async linkNotification(incidentId: string, deliveryId: string, actionId: string | null): Promise<void> {
    await this.dataSource.getRepository(IncidentNotificationEntity).insert({ incidentId, deliveryId, actionId });
  }

  /** Every webhook delivery the incident caused, with its current status. */
  async notifications(incidentId: string): Promise<IncidentNotificationRow[]> {
    return this.dataSource.query(
      `SELECT d.id AS "deliveryId", n.action_id AS "actionId", d.tenant_orgnr AS "tenantOrgnr", d.event, d.status, d.attempts,
              d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"
         FROM incident_notifications n JOIN webhook_deliveries d ON d.id = n.delivery_id
        WHERE n.incident_id = $1
        ORDER BY n.created_at, d.id`,
      [incidentId],
    );
  }
}
