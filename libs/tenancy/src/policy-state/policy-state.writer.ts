import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The PostgreSQL channel the gateway LISTENs on to refresh its policy state (issue 6). */
export const POLICY_CHANGE_CHANNEL = 'delingsmegler_policy';
/** Payload for changes that concern every tenant (terms versions). */
export const ALL_TENANTS = '*';

/**
 * The one way policy state is written: the change and its notification share a transaction, so
 * a listener hears about a change exactly when it is committed (NOTIFY is delivered on commit).
 */
@Injectable()
export class PolicyStateWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** In a new transaction, or in `within` (a caller's transaction) when given. */
  write<T>(tenantOrgnr: string, work: (manager: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
    const run = async (manager: EntityManager) => {
      const result = await work(manager);
      await notifyPolicyChange(manager, tenantOrgnr);
      return result;
    };
    return within ? run(within) : this.dataSource.transaction(run);
  }
}

export async function notifyPolicyChange(manager: EntityManager, tenantOrgnr: string): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [POLICY_CHANGE_CHANNEL, tenantOrgnr]);
}
