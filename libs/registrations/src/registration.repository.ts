import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RegistrationEntity, type RegistrationStatus, TenantScopedRepository } from '../../database/src/index.js';

export type NewRegistration = Pick<RegistrationEntity, 'idempotencyKey' | 'requestHash' | 'operation' | 'requestBody' | 'accept' | 'context'>;

export interface SettledOutcome {
  status: Extract<RegistrationStatus, 'completed' | 'rejected' | 'failed'>;
  responseStatus: number | null;
  responseContentType: string | null;
  responseBody: string | null;
  korrelasjonsid: string | null;
  lastError: string | null;
}

@Injectable()
export class RegistrationRepository extends TenantScopedRepository<RegistrationEntity> {
  constructor(@InjectRepository(RegistrationEntity) repository: Repository<RegistrationEntity>) {
    super(repository);
  }

  /** Stores a new registration, or finds the one already stored under the same Idempotency-Key. */
  async insertOrFind(tenantOrgnr: string, values: NewRegistration): Promise<{ registration: RegistrationEntity; created: boolean }> {
    this.scope(tenantOrgnr);
    const inserted = await this.repository
      .createQueryBuilder()
      .insert()
      .values({ ...values, tenantOrgnr } as never)
      .orIgnore()
      .returning('id')
      .execute();
    const created = inserted.raw.length > 0;
    const registration = await this.findOne(tenantOrgnr, { idempotencyKey: values.idempotencyKey });
    if (!registration) throw new Error('registration vanished after insert');
    return { registration, created };
  }

  /**
   * Marks an attempt as under way and returns the row, or null when the registration is already
   * settled (a repeated job must never send again).
   */
  async claim(tenantOrgnr: string, id: string): Promise<RegistrationEntity | null> {
    this.scope(tenantOrgnr);
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', attempts: () => 'attempts + 1' })
      .where('id = :id AND tenant_orgnr = :tenantOrgnr AND status IN (:...open)', { id, tenantOrgnr, open: ['accepted', 'sending'] })
      .execute();
    return result.affected ? this.findOne(tenantOrgnr, { id }) : null;
  }

  /** Settles an open registration; the body sent upstream is dropped (it holds personal data). */
  async settle(tenantOrgnr: string, id: string, outcome: SettledOutcome): Promise<number> {
    this.scope(tenantOrgnr);
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set({ ...outcome, requestBody: () => 'NULL', settledAt: () => 'now()' })
      .where('id = :id AND tenant_orgnr = :tenantOrgnr AND status IN (:...open)', { id, tenantOrgnr, open: ['accepted', 'sending'] })
      .execute();
    return result.affected ?? 0;
  }

  recordError(tenantOrgnr: string, id: string, lastError: string): Promise<number> {
    return this.update(tenantOrgnr, { id }, { lastError });
  }

  /** Open registrations untouched for a while, across tenants: the sweeper re-queues them. */
  findStale(olderThanMs: number, limit = 100): Promise<Array<Pick<RegistrationEntity, 'id' | 'tenantOrgnr'>>> {
    return this.repository
      .createQueryBuilder('r')
      .select(['r.id', 'r.tenantOrgnr'])
      .where("r.status IN ('accepted', 'sending') AND r.updated_at < now() - make_interval(secs => :seconds)", { seconds: olderThanMs / 1000 })
      .orderBy('r.created_at')
      .limit(limit)
      .getMany();
  }
}
