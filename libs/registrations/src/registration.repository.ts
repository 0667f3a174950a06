import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  OPEN_REGISTRATION_STATUSES,
  RegistrationEntity,
  type RegistrationStatus,
  TenantScopedRepository,
} from '#database';

export type NewRegistration = Pick<
  RegistrationEntity,
  'callerOrgnr' | 'idempotencyKey' | 'requestHash' | 'operation' | 'requestBody' | 'accept' | 'context'
>;

export interface SettledOutcome {
  status: Extract<RegistrationStatus, 'completed' | 'rejected' | 'refused' | 'failed'>;
  responseStatus: number | null;
  responseContentType: string | null;
  responseBody: string | null;
  korrelasjonsid: string | null;
  lastError: string | null;
  refusalCode?: string | null;
}

@Injectable()
export class RegistrationRepository extends TenantScopedRepository<RegistrationEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, RegistrationEntity);
  }

  /**
   * Stores a new registration, or finds the one this caller already stored under the same
   * Idempotency-Key. `onCreated` runs in the insert's transaction (the request's audit event):
   * if it throws, nothing is stored.
   */
  async insertOrFind(
    tenantOrgnr: string,
    values: NewRegistration,
    onCreated: (manager: EntityManager, registration: RegistrationEntity) => Promise<unknown>,
  ): Promise<{ registration: RegistrationEntity; created: boolean }> {
    const key = { callerOrgnr: values.callerOrgnr, idempotencyKey: values.idempotencyKey };
    return this.transaction(async (manager) => {
      const created = (await this.insertRows(tenantOrgnr, [values], { manager, onConflict: 'ignore' })) > 0;
      const registration = await this.findOne(tenantOrgnr, key, manager);
      if (!registration) throw new Error('registration vanished after insert');
      if (created) await onCreated(manager, registration);
      return { registration, created };
    });
  }

  /** One registration; with `callerOrgnr` only if that caller made it. */
  findForCaller(tenantOrgnr: string, id: string, callerOrgnr?: string): Promise<RegistrationEntity | null> {
    return this.findOne(tenantOrgnr, callerOrgnr === undefined ? { id } : { id, callerOrgnr });
  }

  /**
   * Marks an attempt as under way and returns the row, or null when the registration is already
   * settled (a repeated job must never send again).
   */
  async claim(tenantOrgnr: string, id: string): Promise<RegistrationEntity | null> {
    const affected = await this.updateOpen(tenantOrgnr, id, { status: 'sending', attempts: () => 'attempts + 1' });
    return affected ? this.findOne(tenantOrgnr, { id }) : null;
  }

  /** Settles an open registration; the body sent upstream is dropped (it holds personal data). */
  settle(tenantOrgnr: string, id: string, outcome: SettledOutcome, manager?: EntityManager): Promise<number> {
    return this.updateOpen(
      tenantOrgnr,
      id,
      { refusalCode: null, ...outcome, requestBody: () => 'NULL', settledAt: () => 'now()' },
      manager,
    );
  }

  /** An attempt failed; with `unknown`, it may have arrived upstream (no answer came). */
  recordError(
    tenantOrgnr: string,
    id: string,
    lastError: string,
    unknown = false,
    manager?: EntityManager,
  ): Promise<number> {
    return this.updateOpen(tenantOrgnr, id, unknown ? { lastError, status: 'unknown' } : { lastError }, manager);
  }

  /** Open registrations untouched for a while, across tenants: the sweeper re-queues them. */
  findStale(olderThanMs: number, limit = 100): Promise<Array<Pick<RegistrationEntity, 'id' | 'tenantOrgnr'>>> {
    return this.acrossTenants()
      .createQueryBuilder('r')
      .select(['r.id', 'r.tenantOrgnr'])
      .where('r.status IN (:...open) AND r.updated_at < now() - make_interval(secs => :seconds)', {
        open: OPEN_REGISTRATION_STATUSES,
        seconds: olderThanMs / 1000,
      })
      .orderBy('r.created_at')
      .limit(limit)
      .getMany();
  }

  private updateOpen(
    tenantOrgnr: string,
    id: string,
    values: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<number> {
    return this.update(tenantOrgnr, { id, status: In(OPEN_REGISTRATION_STATUSES) }, values, manager);
  }
}
