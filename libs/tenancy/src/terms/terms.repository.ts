import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TermsVersionEntity } from '#database';

/** A declaration in force (or about to be) signed under a version older than the one asked about. */
export interface ResignOwedRow {
  orgnr: string;
  name: string;
  declaration_id: string;
  declaration_status: string;
  signed_version: string;
}

/** Declarations that still grant, or are about to grant, access. */
const IN_FORCE = `('approved', 'active', 'suspended')`;

@Injectable()
export class TermsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

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

  /** Versions requiring re-signing whose resignBy lies within (from, to]: the reminders due. */
  resignDeadlinesBetween(from: Date, to: Date): Promise<TermsVersionEntity[]> {
    return this.dataSource
      .getRepository(TermsVersionEntity)
      .createQueryBuilder('terms')
      .where('terms.requires_resign AND terms.resign_by > :from AND terms.resign_by <= :to', { from, to })
      .getMany();
  }

  /** Tenants with access whose declarations in force are signed under a version older (by effectiveFrom) than `version`. */
  async owingResign(version: string, manager: EntityManager = this.dataSource.manager): Promise<ResignOwedRow[]> {
    return (await manager.query(
      `SELECT t.orgnr, t.name, d.id AS declaration_id, d.status AS declaration_status, d.terms_version AS signed_version
       FROM declarations d
       JOIN tenants t ON t.orgnr = d.tenant_orgnr
       JOIN terms_versions signed ON signed.version = d.terms_version
       JOIN terms_versions wanted ON wanted.version = $1
       WHERE d.status IN ${IN_FORCE} AND t.status IN ('active', 'suspended') AND signed.effective_from < wanted.effective_from
       ORDER BY t.orgnr, d.created_at`,
      [version],
    )) as ResignOwedRow[];
  }
}
