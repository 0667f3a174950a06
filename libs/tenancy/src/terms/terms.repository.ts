import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TermsVersionEntity } from '#database';

@Injectable()
export class TermsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<TermsVersionEntity[]> {
    return this.dataSource.getRepository(TermsVersionEntity).find({ order: { effectiveFrom: 'ASC', version: 'ASC' } });
  }

  find(version: string, manager: EntityManager = this.dataSource.manager): Promise<TermsVersionEntity | null> {
    return manager.getRepository(TermsVersionEntity).findOne({ where: { version } });
  }

  async insert(manager: EntityManager, values: Omit<TermsVersionEntity, 'createdAt'>): Promise<TermsVersionEntity> {
    await manager.getRepository(TermsVersionEntity).insert(values);
    return manager.getRepository(TermsVersionEntity).findOneOrFail({ where: { version: values.version } });
  }
}
