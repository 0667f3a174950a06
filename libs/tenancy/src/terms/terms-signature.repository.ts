import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { TenantScopedRepository, TermsSignatureEntity } from '#database';

export type NewTermsSignature = Omit<
  TermsSignatureEntity,
  'id' | 'tenantOrgnr' | 'createdAt' | 'declaration' | 'terms'
>;

/** Re-signatures of declarations under newer terms versions, by tenant. */
@Injectable()
export class TermsSignatureRepository extends TenantScopedRepository<TermsSignatureEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TermsSignatureEntity);
  }

  async insert(tenantOrgnr: string, values: NewTermsSignature, manager: EntityManager): Promise<TermsSignatureEntity> {
    const { id } = await this.create(tenantOrgnr, values, manager);
    return (await this.findOne(tenantOrgnr, { id }, manager)) as TermsSignatureEntity;
  }

  listForDeclaration(tenantOrgnr: string, declarationId: string): Promise<TermsSignatureEntity[]> {
    return this.findMany(tenantOrgnr, { where: { declarationId }, order: { createdAt: 'ASC' } });
  }

  /** A merger: the re-signatures of the moved declarations follow them to the successor. */
  async moveTo(
    tenantOrgnr: string,
    successorOrgnr: string,
    declarationIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    if (declarationIds.length === 0) return;
    await this.update(tenantOrgnr, { declarationId: In(declarationIds) }, { tenantOrgnr: successorOrgnr }, manager);
  }
}
