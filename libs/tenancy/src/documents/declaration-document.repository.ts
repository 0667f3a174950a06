import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '#core';
import { DeclarationDocumentEntity, TenantScopedRepository } from '#database';

export type StoredDocument = Required<Pick<DeclarationDocumentEntity, 'content'>> &
  Omit<DeclarationDocumentEntity, 'content' | 'declaration' | 'tenant'>;

/** Signed declaration documents, tenant-scoped; their bytes only on request (downloads, the forwarded package). */
@Injectable()
export class DeclarationDocumentRepository extends TenantScopedRepository<DeclarationDocumentEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, DeclarationDocumentEntity);
  }

  /** The document's metadata (no bytes), or null (also for a malformed id). */
  async find(
    tenantOrgnr: string,
    declarationId: string,
    manager?: EntityManager,
  ): Promise<DeclarationDocumentEntity | null> {
    if (!isUuid(String(declarationId))) return null;
    return this.findOne(tenantOrgnr, { declarationId }, manager);
  }

  /** Metadata of every document of the tenant (no bytes). */
  listForTenant(tenantOrgnr: string): Promise<DeclarationDocumentEntity[]> {
    return this.findMany(tenantOrgnr);
  }

  /** The tenant's document with its bytes, or null. */
  async withContent(
    tenantOrgnr: string,
    declarationId: string,
    manager?: EntityManager,
  ): Promise<StoredDocument | null> {
    const query = this.select(tenantOrgnr, 'document', manager).addSelect('document.content');
    if (!isUuid(String(declarationId))) return null;
    return (await query
      .andWhere('document.declarationId = :declarationId', { declarationId })
      .getOne()) as StoredDocument | null;
  }

  /** Stores (or replaces: its hash is fixed by the declaration, so only the same bytes can come again) the document. */
  async store(
    tenantOrgnr: string,
    values: Omit<StoredDocument, 'uploadedAt' | 'tenantOrgnr'>,
    manager: EntityManager,
  ): Promise<DeclarationDocumentEntity> {
    await this.insertRows(tenantOrgnr, [{ ...values, uploadedAt: new Date() }], {
      manager,
      onConflict: { update: ['content', 'sha256', 'size_bytes', 'uploaded_by', 'uploaded_at'], on: ['declaration_id'] },
    });
    return (await this.findOne(tenantOrgnr, { declarationId: values.declarationId }, manager))!;
  }

  /**
   * Deletes the documents of declarations that ended (terminated, or rejected: never in force)
   * more than `retentionDays` ago, by the database's clock. Returns how many went.
   */
  async deleteExpired(retentionDays: number): Promise<number> {
    const result = await this.acrossTenants()
      .createQueryBuilder()
      .delete()
      .where(
        `declaration_id IN (SELECT id FROM declarations
          WHERE (status = 'terminated' AND terminated_at < now() - make_interval(days => :days))
             OR (status = 'rejected' AND decided_at < now() - make_interval(days => :days)))`,
        { days: retentionDays },
      )
      .execute();
    return result.affected ?? 0;
  }
}
