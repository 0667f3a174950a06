import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { NoticeEntity, type NoticeChannel, type TenantContact, TenantScopedRepository } from '#database';

export type NewNotice = Pick<
  NoticeEntity,
  'event' | 'channel' | 'recipient' | 'subject' | 'body' | 'data' | 'dedupeKey'
>;

/** The outbox table: written by tenant in the caller's transaction, claimed across tenants and settled by the worker. */
@Injectable()
export class NoticeRepository extends TenantScopedRepository<NoticeEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, NoticeEntity);
  }

  /** The tenant's name and contacts as the transaction sees them (its own row only). */
  async recipientsOf(
    tenantOrgnr: string,
    manager: EntityManager,
  ): Promise<{ orgnr: string; name: string; contacts: TenantContact[] } | null> {
    const rows = await this.sql<Array<{ orgnr: string; name: string; contacts: TenantContact[] }>>(
      tenantOrgnr,
      'SELECT orgnr, name, contacts FROM tenants WHERE orgnr = $1',
      [],
      manager,
    );
    return rows[0] ?? null;
  }

  /** Inserts the tenant's notices; one whose dedupe key exists already is skipped. Returns how many were new. */
  insert(tenantOrgnr: string, notices: readonly NewNotice[], manager: EntityManager): Promise<number> {
    return this.insertRows(tenantOrgnr, notices, { manager, onConflict: 'ignore' });
  }

  /**
   * The worker's sweep spans tenants: claims up to `limit` due pending notices of these channels,
   * locked with SKIP LOCKED (another replica takes others) and pushed `leaseMs` ahead, so a worker
   * that dies mid-send leaves them to be claimed again after the lease.
   */
  claimDue(channels: readonly NoticeChannel[], limit: number, leaseMs: number): Promise<NoticeEntity[]> {
    if (channels.length === 0) return Promise.resolve([]);
    return this.transaction(async (manager) => {
      const due = await this.acrossTenants(manager)
        .createQueryBuilder('notice')
        .andWhere('notice.status = :status', { status: 'pending' })
        .andWhere('notice.next_attempt_at <= now()')
        .andWhere('notice.channel IN (:...channels)', { channels })
        .orderBy('notice.next_attempt_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length > 0) {
        await this.acrossTenants(manager).update(
          { id: In(due.map((notice) => notice.id)) },
          { nextAttemptAt: () => `now() + make_interval(secs => ${Math.ceil(leaseMs / 1000)})` },
        );
      }
      return due;
    });
  }

  async markSent(tenantOrgnr: string, id: string, attempts: number): Promise<void> {
    await this.update(
      tenantOrgnr,
      { id, status: 'pending' },
      { status: 'sent', attempts, lastError: null, sentAt: new Date() },
    );
  }

  async markRetry(
    tenantOrgnr: string,
    id: string,
    attempts: number,
    lastError: string,
    nextAttemptAt: Date,
  ): Promise<void> {
    await this.update(tenantOrgnr, { id, status: 'pending' }, { attempts, lastError, nextAttemptAt });
  }

  async markFailed(tenantOrgnr: string, id: string, attempts: number, lastError: string): Promise<void> {
    await this.update(tenantOrgnr, { id, status: 'pending' }, { status: 'failed', attempts, lastError });
  }

  /** One tenant's notices, newest first. */
  listForTenant(
    tenantOrgnr: string,
    filter: Pick<Partial<NoticeEntity>, 'status' | 'event'>,
    take: number,
  ): Promise<NoticeEntity[]> {
    return this.findMany(tenantOrgnr, { where: { ...filter }, order: { createdAt: 'DESC', id: 'DESC' }, take });
  }

  /** The operator's view of every tenant's notices, newest first. */
  listOfAll(filter: Pick<Partial<NoticeEntity>, 'status' | 'event'>, take: number): Promise<NoticeEntity[]> {
    return this.acrossTenants().find({ where: { ...filter }, order: { createdAt: 'DESC', id: 'DESC' }, take });
  }
}
