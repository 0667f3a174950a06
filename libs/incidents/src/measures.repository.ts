import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { ApiPauseEntity, BlockedSubjectEntity } from '#database';
import { TOKEN_FLUSH_CHANNEL } from '#maskinporten';

/**
 * The platform-wide measures the gateway reads from its policy state: paused APIs and blocked
 * data subjects. Writes take the manager of a PolicyStateWriter transaction, so the change and
 * its notification commit together.
 */
@Injectable()
export class MeasuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async pauseApi(
    manager: EntityManager,
    values: Pick<ApiPauseEntity, 'api' | 'reason' | 'incidentId' | 'pausedBy'>,
  ): Promise<ApiPauseEntity> {
    const repository = manager.getRepository(ApiPauseEntity);
    return repository.save(repository.create(values));
  }

  /** Lifts the pause in force for the API; null when none is. */
  async liftApiPause(manager: EntityManager, api: string, by: string): Promise<ApiPauseEntity | null> {
    const repository = manager.getRepository(ApiPauseEntity);
    const pause = await repository.findOne({ where: { api, liftedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!pause) return null;
    await repository.update({ id: pause.id }, { liftedAt: () => 'now()', liftedBy: by } as never);
    return repository.findOneOrFail({ where: { id: pause.id } });
  }

  pausesInForce(): Promise<ApiPauseEntity[]> {
    return this.dataSource
      .getRepository(ApiPauseEntity)
      .find({ where: { liftedAt: IsNull() }, order: { pausedAt: 'ASC' } });
  }

  async blockSubject(
    manager: EntityManager,
    values: Pick<BlockedSubjectEntity, 'subjectHash' | 'reason' | 'incidentId' | 'blockedBy'>,
  ): Promise<BlockedSubjectEntity> {
    const repository = manager.getRepository(BlockedSubjectEntity);
    return repository.save(repository.create(values));
  }

  /** Lifts the block in force with this id; null when there is none. */
  async liftBlock(manager: EntityManager, id: string, by: string): Promise<BlockedSubjectEntity | null> {
    const repository = manager.getRepository(BlockedSubjectEntity);
    const block = await repository.findOne({ where: { id, liftedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!block) return null;
    await repository.update({ id }, { liftedAt: () => 'now()', liftedBy: by } as never);
    return repository.findOneOrFail({ where: { id } });
  }

  /** Every process drops the tenant's cached Maskinporten tokens (TokenFlushListener) when the transaction commits. */
  async notifyTokenFlush(manager: EntityManager, orgnr: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [TOKEN_FLUSH_CHANNEL, orgnr]);
  }
}
